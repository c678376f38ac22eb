import { CATEGORIES, type Category } from '../../sql/domain/categories.ts';
import { buildLexicon, lookup, type Lexicon } from './lexicon.ts';
import { forEachToken, transliterate } from './normalize.ts';
import { readVocabulary, type Rule } from './vocabulary.ts';

export interface TopicResult {
  category: Category;
  /** 0–1: how sure the classifier is (1 for an empty line, which is certainly `unspecified`). */
  confidence: number;
  /** The vocabulary terms that decided it ("краж*", "~воровст*" for a typo, "service: мп"). */
  terms: string[];
}

const vocabulary = readVocabulary();
const topics = buildLexicon(vocabulary.topics, vocabulary.ignore);
const services = buildLexicon(vocabulary.services);

/**
 * Stored with every visit. Bump the first part when the algorithm changes; the second is the
 * vocabulary's digest, so adding a term is a new version that `vitrina reclassify` picks up.
 */
export const CLASSIFIER_VERSION = `topics-1.${vocabulary.digest.slice(0, 8)}`;

/** A topic is named when its terms add up to this; below it a single hint only counts when nothing is named. */
const NAMED = 1;
const HINT = 0.5;

/** Per-call scratch, reused: scoring a line allocates nothing per vocabulary rule. */
const ruleSeen = new Int32Array(Math.max(vocabulary.topics.length, vocabulary.services.length));
const partMask = new Int32Array(ruleSeen.length);
const totals = new Float64Array(CATEGORIES.length);
const counted: Array<{ rule: Rule; fuzzy: boolean }> = [];
let call = 0;

/**
 * Adds a matched word to the line's scores. A rule counts once per line; a multi-word rule counts
 * when all its words were seen (ruleSeen = call: some seen, bits in partMask; -call: counted).
 */
function onHit(rule: Rule, part: number, fuzzy: boolean): void {
  const seen = ruleSeen[rule.id];
  if (seen === -call) return;
  if (rule.parts.length > 1) {
    const mask = (seen === call ? (partMask[rule.id] ?? 0) : 0) | (1 << part);
    partMask[rule.id] = mask;
    ruleSeen[rule.id] = call;
    if (mask !== (1 << rule.parts.length) - 1) return;
  }
  ruleSeen[rule.id] = -call;
  totals[rule.rank] = (totals[rule.rank] ?? 0) + rule.weight;
  counted.push({ rule, fuzzy });
}

let lexicon = topics;
function onToken(token: string, latin: boolean): void {
  if (!lookup(lexicon, token, onHit) && latin) lookup(lexicon, transliterate(token), onHit);
}

interface Scored {
  category: Category;
  score: number;
  named: number;
  fuzzy: boolean;
  terms: string[];
}

function score(lex: Lexicon, text: string): Scored | null {
  call += 1;
  totals.fill(0);
  counted.length = 0;
  lexicon = lex;
  forEachToken(text, vocabulary.abbreviations, onToken);
  if (counted.length === 0) return null;
  // Precedence (contract §6): of the topics the line names, the first in CATEGORIES wins; with none
  // named, the strongest hint (ties again by precedence).
  let best = -1;
  let named = 0;
  for (let i = 0; i < totals.length; i += 1) {
    if ((totals[i] ?? 0) < NAMED - 1e-9) continue;
    named += 1;
    if (named === 1) best = i;
  }
  if (best < 0) {
    let top = HINT - 1e-9;
    for (let i = 0; i < totals.length; i += 1) {
      if ((totals[i] ?? 0) > top) {
        top = totals[i] ?? 0;
        best = i;
      }
    }
  }
  const category = CATEGORIES[best];
  if (!category) return null;
  const terms: string[] = [];
  let fuzzy = true;
  for (const h of counted) {
    if (h.rule.rank !== best) continue;
    terms.push(`${h.fuzzy ? '~' : ''}${h.rule.term}`);
    fuzzy &&= h.fuzzy;
  }
  return { category, score: totals[best] ?? 0, named, fuzzy, terms };
}

function confidenceOf(s: Scored): number {
  let c = s.named > 0 ? 0.8 + 0.15 * Math.min(s.score - NAMED, 1) : 0.45 + 0.25 * s.score;
  if (s.named > 1) c -= 0.1; // decided by precedence, not by the words alone
  if (s.fuzzy) c -= 0.1;
  return Math.round(c * 100) / 100;
}

/**
 * The topic category of one visit (data contract §6): from the text; when the text names nothing,
 * from the service that handled it; otherwise `unspecified`.
 */
export function classifyTopic(text: string, service?: string | null): TopicResult {
  const fromText = score(topics, text ?? '');
  if (fromText) return { category: fromText.category, confidence: confidenceOf(fromText), terms: fromText.terms };
  const fromService = service ? score(services, service) : null;
  if (fromService) {
    return { category: fromService.category, confidence: 0.6, terms: fromService.terms.map((t) => `service: ${t}`) };
  }
  return { category: 'unspecified', confidence: (text ?? '').trim() === '' ? 1 : 0.8, terms: [] };
}

/**
 * classifyTopic memoised by (text, service): topic lines repeat a lot, so the ETL classifies each
 * distinct one once. Bounded: after `limit` distinct lines the memo starts afresh.
 */
export function createCachedClassifier(limit = 200_000): (text: string, service?: string | null) => TopicResult {
  const memo = new Map<string, TopicResult>();
  return (text, service) => {
    const key = `${service ?? ''}\u0000${text}`;
    let result = memo.get(key);
    if (!result) {
      if (memo.size >= limit) memo.clear();
      result = classifyTopic(text, service);
      memo.set(key, result);
    }
    return result;
  };
}
