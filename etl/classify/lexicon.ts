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

/**
 * The vocabulary indexed for lookup: exact words, a trie of stems (the longest stem a token starts
 * with wins, so "жоғалт*" shadows "жоғал*"), and a one-edit typo index precomputed from every key
 * of 5+ letters (each key and its one-letter deletions, as in SymSpell), so a typo costs map lookups.
 */
export interface Lexicon {
  exact: Map<string, Ref[]>;
  stems: StemNode;
  fuzzy: Map<string, Ref[]>;
  maxFuzzy: number;
}

/** Typos are looked for in keys of 5+ letters (one edit in four letters is too loose: "помощь" ~ "побо*"), and only in tokens of 5+ ("муж" is never a typo of "мужа"). */
const FUZZY_MIN_KEY = 5;
const FUZZY_MIN_TOKEN = 5;

function push(map: Map<string, Ref[]>, key: string, ref: Ref): void {
  const list = map.get(key);
  if (list) list.push(ref);
  else map.set(key, [ref]);
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
  const lex: Lexicon = { exact: new Map(), stems: { next: new Map(), refs: null }, fuzzy: new Map(), maxFuzzy: 0 };
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
      push(lex.fuzzy, part.key, ref);
      const deletions = new Set<string>();
      for (let d = 0; d < part.key.length; d += 1) deletions.add(part.key.slice(0, d) + part.key.slice(d + 1));
      for (const d of deletions) push(lex.fuzzy, d, ref);
    });
  }
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

/**
 * One edit (a wrong, missing, extra or swapped letter) away from a key of 5+ letters, keeping the
 * first letter (people rarely mistype it, and allowing it doubles the false matches): for a stem,
 * the token's first n−1…n+1 letters against a stem of n letters, ending in the stem's last letter
 * unless the token ends there ("жүргізуш" is "жүргізуші*" cut short); for an exact word, the whole token.
 */
function lookupTypo(lex: Lexicon, token: string, onHit: OnHit): boolean {
  const first = token.charCodeAt(0);
  for (let len = Math.min(token.length, lex.maxFuzzy + 1); len >= FUZZY_MIN_KEY - 1; len -= 1) {
    const whole = len === token.length;
    const head = whole ? token : token.slice(0, len);
    const last = head.charCodeAt(len - 1);
    let found = false;
    for (let i = -1; i < len; i += 1) {
      const refs = lex.fuzzy.get(i < 0 ? head : head.slice(0, i) + head.slice(i + 1));
      if (!refs) continue;
      for (const ref of refs) {
        if (!ref.prefix && !whole) continue;
        if (ref.key.charCodeAt(0) !== first || !withinOneEdit(head, ref.key)) continue;
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

/**
 * True when a and b differ by at most one substitution, insertion, deletion or swap of neighbours.
 * The deletion index proposes candidates; this confirms them ("пробл" and "побил" share the
 * deletion "побл" but are two edits apart).
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i += 1;
  if (i === a.length && i === b.length) return true;
  const rest = (x: string, from: number, y: string, yFrom: number): boolean => x.slice(from) === y.slice(yFrom);
  if (a.length === b.length) {
    return rest(a, i + 1, b, i + 1)
      || (a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i) && rest(a, i + 2, b, i + 2));
  }
  return a.length > b.length ? rest(a, i + 1, b, i) : rest(a, i, b, i + 1);
}
