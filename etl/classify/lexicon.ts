import type { Rule, TermPart } from './vocabulary.ts';

/** Receives each vocabulary word a token matched: its rule, which word of it, and whether through a typo. */
export type OnHit = (rule: Rule, part: number, fuzzy: boolean) => void;

interface Ref {
  rule: Rule;
  part: number;
  key: string;
  prefix: boolean;
}

/** A stem trie node; `refs` is set where a stem ends (empty for an ignored stem). */
interface StemNode {
  next: Map<number, StemNode>;
  refs: Ref[] | null;
}

/** One form in the typo index: a key of 5+ letters or one of its one-letter deletions. */
interface FuzzyEntry {
  form: string;
  ref: Ref;
}

/**
 * The vocabulary indexed for lookup: exact words, a trie of stems (the longest stem a token starts
 * with wins, so "жоғалт*" shadows "жоғал*"), and a one-edit typo index precomputed from every key
 * of 5+ letters (each key and its one-letter deletions, as in SymSpell), so a typo costs map lookups.
 * The typo index is keyed by a polynomial hash of the form, so a token's deletions are hashed from
 * its prefix hashes in O(1) each, without building a string per deletion; each entry keeps its form,
 * compared letter by letter, so a hash collision never matches.
 */
export interface Lexicon {
  exact: Map<string, Ref[]>;
  stems: StemNode;
  fuzzy: Map<number, FuzzyEntry[]>;
  /** One bit per hash (low FUZZY_BITS bits) present in `fuzzy`: most deletions of a word are in no key, and a bit test is cheaper than a map miss. */
  fuzzyBits: Uint8Array;
  maxFuzzy: number;
}

const FUZZY_BITS = 18;
const FUZZY_BIT_MASK = (1 << FUZZY_BITS) - 1;

/** Polynomial hash base and the mask that keeps map keys small integers. */
const BASE = 0x01000193;
const HASH_MASK = 0x3fffffff;

function formHash(form: string): number {
  let h = 0;
  for (let i = 0; i < form.length; i += 1) h = (Math.imul(h, BASE) + form.charCodeAt(i)) | 0;
  return h & HASH_MASK;
}

/** Typos are looked for in keys of 5+ letters (one edit in four letters is too loose: "помощь" ~ "побо*"), and only in tokens of 5+ ("муж" is never a typo of "мужа"). */
const FUZZY_MIN_KEY = 5;
const FUZZY_MIN_TOKEN = 5;

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function stemNode(root: StemNode, key: string): StemNode {
  let node = root;
  for (let i = 0; i < key.length; i += 1) {
    const c = key.charCodeAt(i);
    let child = node.next.get(c);
    if (!child) {
      child = { next: new Map(), refs: null };
      node.next.set(c, child);
    }
    node = child;
  }
  node.refs ??= [];
  return node;
}

export function buildLexicon(rules: readonly Rule[], ignore: readonly TermPart[] = []): Lexicon {
  const lex: Lexicon = { exact: new Map(), stems: { next: new Map(), refs: null }, fuzzy: new Map(), fuzzyBits: new Uint8Array(1 << (FUZZY_BITS - 3)), maxFuzzy: 0 };
  // Ignored words are entries with no rule: they match, so no shorter stem and no typo applies.
  for (const part of ignore) {
    if (part.prefix) stemNode(lex.stems, part.key);
    else if (!lex.exact.has(part.key)) lex.exact.set(part.key, []);
  }
  for (const rule of rules) {
    rule.parts.forEach((part, i) => {
      const ref: Ref = { rule, part: i, key: part.key, prefix: part.prefix };
      if (part.prefix) stemNode(lex.stems, part.key).refs?.push(ref);
      else push(lex.exact, part.key, ref);
      if (part.key.length < FUZZY_MIN_KEY) return;
      lex.maxFuzzy = Math.max(lex.maxFuzzy, part.key.length);
      push(lex.fuzzy, formHash(part.key), { form: part.key, ref });
      const deletions = new Set<string>();
      for (let d = 0; d < part.key.length; d += 1) deletions.add(part.key.slice(0, d) + part.key.slice(d + 1));
      for (const d of deletions) push(lex.fuzzy, formHash(d), { form: d, ref });
    });
  }
  for (const hash of lex.fuzzy.keys()) {
    const bit = hash & FUZZY_BIT_MASK;
    lex.fuzzyBits[bit >>> 3] = (lex.fuzzyBits[bit >>> 3] ?? 0) | (1 << (bit & 7));
  }
  growScratch(lex.maxFuzzy + 2);
  return lex;
}

/**
 * Reports every vocabulary word `token` matches. Returns false when the token is unknown (not even
 * an ignored word), so the caller may try another spelling of it.
 */
export function lookup(lex: Lexicon, token: string, onHit: OnHit): boolean {
  let known = false;
  const exact = lex.exact.get(token);
  if (exact) {
    known = true;
    for (const ref of exact) onHit(ref.rule, ref.part, false);
  }
  let node: StemNode | undefined = lex.stems;
  let deepest: Ref[] | null = null;
  let deepestLength = 0;
  for (let i = 0; i < token.length && node; i += 1) {
    node = node.next.get(token.charCodeAt(i));
    if (node?.refs) {
      deepest = node.refs;
      deepestLength = i + 1;
    }
  }
  if (deepest) {
    known = true;
    for (const ref of deepest) onHit(ref.rule, ref.part, false);
  }
  // A word of a multi-word term ("кон*" of "көші қон*") must not stop the typo search for a longer
  // word ("консултация"); a stem that decides alone ("ұрла*"), or an ignored one, does.
  const decided = exact !== undefined || deepestLength >= FUZZY_MIN_KEY
    || (deepest !== null && (deepest.length === 0 || deepest.some((ref) => ref.rule.parts.length === 1)));
  if (decided || token.length < FUZZY_MIN_TOKEN) return known;
  return lookupTypo(lex, token, onHit) || known;
}

// Scratch for lookupTypo: prefix hashes of the token and powers of BASE (grown to the longest key).
let prefix = new Int32Array(0);
let power = new Int32Array(0);

function growScratch(n: number): void {
  if (power.length >= n + 1) return;
  prefix = new Int32Array(n + 1);
  power = new Int32Array(n + 1);
  power[0] = 1;
  for (let i = 1; i <= n; i += 1) power[i] = Math.imul(power[i - 1] ?? 0, BASE);
}

/** True when `form` is token[0, len) with the letter at `skip` left out (skip < 0: nothing left out). */
function isDeletion(form: string, token: string, len: number, skip: number): boolean {
  if (form.length !== (skip < 0 ? len : len - 1)) return false;
  for (let i = 0, j = 0; j < len; j += 1) {
    if (j === skip) continue;
    if (form.charCodeAt(i) !== token.charCodeAt(j)) return false;
    i += 1;
  }
  return true;
}

/**
 * One edit (a wrong, missing, extra or swapped letter) away from a key of 5+ letters, keeping the
 * first letter (people rarely mistype it, and allowing it doubles the false matches): for a stem,
 * the token's first n−1…n+1 letters against a stem of n letters, ending in the stem's last letter
 * unless the token ends there ("жүргізуш" is "жүргізуші*" cut short); for an exact word, the whole token.
 * The head token[0, len) and its deletions are never built as strings: they are hashed from the
 * token's prefix hashes and compared letter by letter.
 */
function lookupTypo(lex: Lexicon, token: string, onHit: OnHit): boolean {
  const first = token.charCodeAt(0);
  const bits = lex.fuzzyBits;
  const top = Math.min(token.length, lex.maxFuzzy + 1);
  let h = 0;
  prefix[0] = 0;
  for (let i = 0; i < top; i += 1) {
    h = (Math.imul(h, BASE) + token.charCodeAt(i)) | 0;
    prefix[i + 1] = h;
  }
  for (let len = top; len >= FUZZY_MIN_KEY - 1; len -= 1) {
    const whole = len === token.length;
    const last = token.charCodeAt(len - 1);
    const full = prefix[len] ?? 0;
    let found = false;
    for (let i = -1; i < len; i += 1) {
      // hash of token[0, len) without the letter at i: prefix(i)·B^(len−1−i) + hash of token[i+1, len).
      const tail = i < 0 ? full : (full - Math.imul(prefix[i + 1] ?? 0, power[len - 1 - i] ?? 0)) | 0;
      const hash = i < 0 ? full : (Math.imul(prefix[i] ?? 0, power[len - 1 - i] ?? 0) + tail) | 0;
      const bit = hash & FUZZY_BIT_MASK;
      if (((bits[bit >>> 3] ?? 0) & (1 << (bit & 7))) === 0) continue;
      const entries = lex.fuzzy.get(hash & HASH_MASK);
      if (!entries) continue;
      for (const { form, ref } of entries) {
        if (!isDeletion(form, token, len, i)) continue;
        if (!ref.prefix && !whole) continue;
        if (ref.key.charCodeAt(0) !== first || !oneEditAt(token, len, ref.key)) continue;
        // A stem's last letter must agree, or "справедливость" would be "справк*" cut short.
        if (ref.prefix && !whole && last !== ref.key.charCodeAt(ref.key.length - 1)) continue;
        onHit(ref.rule, ref.part, true);
        found = true;
      }
    }
    if (found) return true;
  }
  return false;
}

/** a[from, to) equals b[bFrom, …) letter for letter, to b's end. */
function sameRest(a: string, from: number, to: number, b: string, bFrom: number): boolean {
  if (to - from !== b.length - bFrom) return false;
  for (let i = from, j = bFrom; i < to; i += 1, j += 1) if (a.charCodeAt(i) !== b.charCodeAt(j)) return false;
  return true;
}

/** withinOneEdit(a.slice(0, aLength), b), without the slice. */
function oneEditAt(a: string, aLength: number, b: string): boolean {
  if (Math.abs(aLength - b.length) > 1) return false;
  let i = 0;
  while (i < aLength && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i += 1;
  if (i === aLength && i === b.length) return true;
  if (aLength === b.length) {
    return sameRest(a, i + 1, aLength, b, i + 1)
      || (i + 1 < aLength && a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i) && sameRest(a, i + 2, aLength, b, i + 2));
  }
  return aLength > b.length ? sameRest(a, i + 1, aLength, b, i) : sameRest(a, i, aLength, b, i + 1);
}

/**
 * True when a and b differ by at most one substitution, insertion, deletion or swap of neighbours.
 * The deletion index proposes candidates; this confirms them ("пробл" and "побил" share the
 * deletion "побл" but are two edits apart).
 */
export function withinOneEdit(a: string, b: string): boolean {
  return oneEditAt(a, a.length, b);
}
