import { createHash } from 'node:crypto';
import { CATEGORIES, type Category } from '../../domain/categories.ts';
import { buildLexicon, lookup, type Lexicon } from './lexicon.ts';
import { featurizeTokens, predictFeatures, readModel, reportedConfidence, type NgramModel } from './ngram-model.ts';
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
 * Stored with every visit. Bump the first part when the algorithm changes; the second digests the
 * vocabulary and the model, so adding a term or retraining is a new version that `vitrina
 * reclassify` picks up.
 */
export function classifierVersion(model: NgramModel | null): string {
  if (!model) return `topics-1.${vocabulary.digest.slice(0, 8)}`;
  return `topics-2.${createHash('sha256').update(`${vocabulary.digest}\n${model.digest}`).digest('hex').slice(0, 8)}`;
}

/** The abbreviations the vocabulary expands, which the model's features use too. */
export const ABBREVIATIONS = vocabulary.abbreviations;

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

// The tokens of the last line scored against the topics, kept for the model's features, so a line
// is normalised once (tokens past MAX_TOKENS are dropped, as the model's features stop at 4096).
const MAX_TOKENS = 1024;
const tokens: string[] = [];
const tokenLatin = new Uint8Array(MAX_TOKENS);
const tokenTranslit: string[] = [];
let tokenCount = 0;

let lexicon = topics;
function onToken(token: string, latin: boolean): void {
  let translit = '';
  if (!lookup(lexicon, token, onHit) && latin) {
    translit = transliterate(token);
    lookup(lexicon, translit, onHit);
  }
  if (lexicon !== topics || tokenCount >= MAX_TOKENS) return;
  tokens[tokenCount] = token;
  tokenLatin[tokenCount] = latin ? 1 : 0;
  tokenTranslit[tokenCount] = translit;
  tokenCount += 1;
}

/** The model's probabilities for the line last scored against the topics (see score()). */
function predictScored(model: NgramModel, out: Float64Array): boolean {
  return predictFeatures(model, featurizeTokens(tokens, tokenLatin, tokenTranslit, tokenCount), out);
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
  if (lex === topics) tokenCount = 0;
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

/** How the vocabulary decided, the key of its calibrated confidence (Calibration.vocabulary). */
export type VocabularyPath = 'named' | 'precedence' | 'typo' | 'hint' | 'service';

/** Before any calibration exists (no model file, or a path too rare to measure): the vocabulary's own rough figures. */
const UNCALIBRATED: Readonly<Record<VocabularyPath | 'noise', number>> = {
  named: 0.95, precedence: 0.85, typo: 0.8, hint: 0.6, service: 0.6, noise: 0.95,
};

export interface VocabularyDecision {
  category: Category;
  path: VocabularyPath;
  terms: string[];
}

/** The first, explainable layer alone: what the vocabulary (and, failing it, the service) says. */
export function vocabularyDecision(text: string, service?: string | null): VocabularyDecision | null {
  const fromText = score(topics, text ?? '');
  if (fromText) {
    const path: VocabularyPath = fromText.named === 0 ? 'hint' : fromText.fuzzy ? 'typo' : fromText.named > 1 ? 'precedence' : 'named';
    return { category: fromText.category, path, terms: fromText.terms };
  }
  const fromService = service ? score(services, service) : null;
  if (fromService) return { category: fromService.category, path: 'service', terms: fromService.terms.map((t) => `service: ${t}`) };
  return null;
}

/** A word of two letters or more: text without one ("-", "???", "1234", "") carries no meaning. */
export function hasWords(text: string): boolean {
  return /\p{L}\p{M}*\p{L}/u.test(text);
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
const UNSPECIFIED = CATEGORIES.indexOf('unspecified');
/** The model's probability of `unspecified` needed to call a line with words meaningless. */
const JUNK_SURE = 0.5;
const COMPLAINT = CATEGORIES.indexOf('complaint');
/** The model's probability of `complaint` needed to overrule a later topic the vocabulary named (chosen on the calibration split). */
const COMPLAINT_SURE = 0.9;

/**
 * A classifier over the vocabulary and, when given, the n-gram model (docs/classifier.md):
 * the vocabulary decides where it names a topic by its exact words (precedence included); the
 * model decides where the vocabulary is silent, and where it has only hints or typo matches and
 * the model is surer than that path has proved to be; the service decides an empty or junk line.
 */
export function createTopicClassifier(model: NgramModel | null): (text: string, service?: string | null) => TopicResult {
  const calibrated = (path: VocabularyPath | 'noise'): number => model?.header.calibration.vocabulary[path] ?? UNCALIBRATED[path];
  // The last step, confidence only (the category is decided before it): the isotonic map fitted on
  // the calibration split. Not for an empty line (certainly unspecified) nor the service's figure,
  // which the labeled set gave and the calibration split (no services) cannot correct.
  const isotonic = model?.header.calibration.isotonic;
  const reported = isotonic?.length ? (raw: number): number => round2(reportedConfidence(isotonic, round2(raw))) : round2;
  const probabilities = new Float64Array(CATEGORIES.length);
  return (rawText, service) => {
    const text = rawText ?? '';
    const fromText = score(topics, text);
    if (fromText && fromText.named > 0 && !fromText.fuzzy) {
      const named: TopicResult = { category: fromText.category, confidence: reported(calibrated(fromText.named > 1 ? 'precedence' : 'named')), terms: fromText.terms };
      // Precedence across the layers (§6): a complaint about officers often tells the incident in
      // the vocabulary's words and the complaint in words it does not know ("полицейский ударил
      // мужа", "инспектор выписал штраф и сказал платить ему наличкой"). Complaint comes first, so
      // the model may overrule a named later topic with it, when sure. Only complaint: letting the
      // model promote any earlier topic cost 4 points on the calibration split, where its
      // mistakes on unseen wording outweighed the two-topic lines it caught; complaint alone gained 2.
      if (!model || fromText.category === 'complaint' || !predictScored(model, probabilities)) return named;
      const p = probabilities[COMPLAINT] ?? 0;
      return p >= COMPLAINT_SURE ? { category: 'complaint', confidence: reported(p), terms: ['model'] } : named;
    }
    const fromService = (): TopicResult | null => {
      const s = service ? score(services, service) : null;
      return s ? { category: s.category, confidence: round2(calibrated('service')), terms: s.terms.map((t) => `service: ${t}`) } : null;
    };
    if (!hasWords(text)) {
      return fromService() ?? { category: 'unspecified', confidence: text.trim() === '' ? 1 : reported(calibrated('noise')), terms: [] };
    }
    if (!model || !predictScored(model, probabilities)) {
      if (fromText) return { category: fromText.category, confidence: reported(calibrated(fromText.named ? 'typo' : 'hint')), terms: fromText.terms };
      return fromService() ?? { category: 'unspecified', confidence: reported(calibrated('noise')), terms: [] };
    }
    let top = 0;
    for (let k = 1; k < probabilities.length; k += 1) if ((probabilities[k] ?? 0) > (probabilities[top] ?? 0)) top = k;
    // `unspecified` is for text without meaning: the model must be sure of that, else its best topic stands.
    if (top === UNSPECIFIED && (probabilities[top] ?? 0) < JUNK_SURE) {
      top = UNSPECIFIED === 0 ? 1 : 0;
      for (let k = 0; k < probabilities.length; k += 1) if (k !== UNSPECIFIED && (probabilities[k] ?? 0) > (probabilities[top] ?? 0)) top = k;
    }
    const p = probabilities[top] ?? 0;
    if (fromText) {
      const own = calibrated(fromText.named ? 'typo' : 'hint');
      const rank = CATEGORIES.indexOf(fromText.category);
      if (top === rank || p <= own) {
        return { category: fromText.category, confidence: reported(Math.max(own, probabilities[rank] ?? 0)), terms: fromText.terms };
      }
    }
    if (top === UNSPECIFIED) return fromService() ?? { category: 'unspecified', confidence: reported(p), terms: ['model'] };
    return { category: CATEGORIES[top] ?? 'unspecified', confidence: reported(p), terms: ['model'] };
  };
}

const shippedModel = readModel();

/**
 * The topic category of one visit (data contract §6): from the text; when the text names nothing,
 * from the service that handled it; otherwise `unspecified`.
 */
export const classifyTopic = createTopicClassifier(shippedModel);

/**
 * classifyTopic memoised by (text, service): topic lines repeat a lot, so the ETL classifies each
 * distinct one once. Bounded: after `limit` distinct lines the memo starts afresh, and the common
 * lines are back in it within a few hundred rows; 50,000 lines (~10 MB) keep a load's peak memory low.
 */
export function createCachedClassifier(limit = 50_000, classify = classifyTopic): (text: string, service?: string | null) => TopicResult {
  // Keyed by service, then by text: no joined key string is built (and hashed) for every row.
  const memo = new Map<string, Map<string, TopicResult>>();
  let size = 0;
  return (text, service) => {
    const serviceKey = service ?? '';
    let byText = memo.get(serviceKey);
    if (!byText) memo.set(serviceKey, byText = new Map());
    let result = byText.get(text);
    if (!result) {
      if (size >= limit) {
        memo.clear();
        memo.set(serviceKey, byText = new Map());
        size = 0;
      }
      result = classify(text, service);
      byText.set(text, result);
      size++;
    }
    return result;
  };
}

export const CLASSIFIER_VERSION = classifierVersion(shippedModel);
