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
 * of 6+ letters (each key and its one-letter deletions, as in SymSpell), so a typo costs map lookups.
 */
export interface Lexicon {
  exact: Map<string, Ref[]>;
  stems: StemNode;
  fuzzy: Map<string, Ref[]>;
  maxFuzzy: number;
}

const FUZZY_MIN = 6;

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
      if (part.key.length < FUZZY_MIN) return;
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
  for (let i = 0; i < token.length && node; i += 1) {
    node = node.next.get(token.charCodeAt(i));
    if (node?.refs) deepest = node.refs;
  }
  if (deepest) {
    known = true;
    for (const ref of deepest) onHit(ref.rule, ref.part, false);
  }
  if (known || token.length < FUZZY_MIN) return known;
  return lookupTypo(lex, token, onHit);
}

/**
 * One edit (a wrong, missing or extra letter) away from a key of 6+ letters: for a stem, the
 * token's first n−1…n+1 letters against a stem of n letters, ending in the stem's last letter; for
 * an exact word, the whole token.
 */
function lookupTypo(lex: Lexicon, token: string, onHit: OnHit): boolean {
  for (let len = Math.min(token.length, lex.maxFuzzy + 1); len >= FUZZY_MIN - 1; len -= 1) {
    const head = len === token.length ? token : token.slice(0, len);
    const last = head.charCodeAt(len - 1);
    let found = false;
    for (let i = -1; i < len; i += 1) {
      const refs = lex.fuzzy.get(i < 0 ? head : head.slice(0, i) + head.slice(i + 1));
      if (!refs) continue;
      for (const ref of refs) {
        if (!ref.prefix && len !== token.length) continue;
        if (Math.abs(ref.key.length - len) > 1) continue;
        // A stem's last letter must agree, or "справедливость" would be "справк*" cut short.
        if (ref.prefix && last !== ref.key.charCodeAt(ref.key.length - 1)) continue;
        onHit(ref.rule, ref.part, true);
        found = true;
      }
    }
    if (found) return true;
  }
  return false;
}
