import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATEGORIES, isCategory, type Category } from '../../domain/categories.ts';
import { forEachToken, transliterate, type Token } from './normalize.ts';

/**
 * The statistical layer: character 2–5-grams of each normalised word (plus the word itself and
 * word pairs), hashed into 2^18 buckets, into a multinomial logistic regression. Trained by
 * `vitrina retrain` (etl/classify/train.ts), shipped as etl/classify/model/topics.model: a JSON
 * header line, then the weights as int8, only for buckets the training texts touched.
 */
export const MODEL_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'model', 'topics.model');

export const BUCKET_BITS = 18;
const MASK = (1 << BUCKET_BITS) - 1;
const MIN_GRAM = 2;
const MAX_GRAM = 5;
const K = CATEGORIES.length;

/** How the classifier's confidence is calibrated (see docs/classifier.md, "Confidence"). */
export interface Calibration {
  /** Softmax temperature for the model's probabilities, fitted on the calibration split. */
  temperature: number;
  /** Observed accuracy of each vocabulary decision path on the calibration split. */
  vocabulary: Record<string, number>;
  /**
   * The last step: an isotonic (monotone) map of the confidence the classifier would report to the
   * accuracy such confidences showed on the calibration split, as [from, to] pairs with `from`
   * rising and `to` never falling; see reportedConfidence(). Absent in older model files.
   */
  isotonic?: Array<[number, number]>;
}

/** The isotonic map applied: the `to` of the last breakpoint whose `from` is at most `raw` (the first one's below all). */
export function reportedConfidence(map: ReadonlyArray<readonly [number, number]>, raw: number): number {
  let at = 0;
  while (at + 1 < map.length && (map[at + 1]?.[0] ?? Infinity) <= raw) at += 1;
  return map[at]?.[1] ?? raw;
}

export interface ModelHeader {
  format: 'vitrina-topics-ngram-1';
  categories: Category[];
  bucketBits: number;
  /** weight = int8 × scale. */
  scale: number;
  bias: number[];
  calibration: Calibration;
  trained: { texts: number; corrections: number; sources: string };
}

export interface NgramModel {
  header: ModelHeader;
  /** bucket × K int8 weights, dense in memory (3.4 MB). */
  weights: Int8Array;
  /** sha-256 of the file, part of CLASSIFIER_VERSION. */
  digest: string;
}

// Feature scratch: indices of one text's features (a text longer than this is cut, see below).
const MAX_FEATURES = 4096;
const features = new Int32Array(MAX_FEATURES);
let featureCount = 0;
let previousWord = 0;

function addFeature(h: number): void {
  if (featureCount < MAX_FEATURES) features[featureCount++] = h & MASK;
}

/** FNV-1a over the word framed as "<word>", emitting every n-gram of 2–5 characters, the word, and the pair with the previous word. */
function addWord(word: string): void {
  const n = word.length + 2;
  for (let i = 0; i < n; i += 1) {
    let h = 0x811c9dc5;
    for (let j = i; j < n && j - i < MAX_GRAM; j += 1) {
      const c = j === 0 ? 0x3c : j === n - 1 ? 0x3e : word.charCodeAt(j - 1);
      h = Math.imul(h ^ c, 0x01000193);
      if (j - i + 1 >= MIN_GRAM) addFeature(h);
    }
  }
  let w = 0x9747b28c;
  for (let i = 0; i < word.length; i += 1) w = Math.imul(w ^ word.charCodeAt(i), 0x01000193);
  addFeature(w);
  if (previousWord !== 0) addFeature(Math.imul(previousWord ^ (w >>> 7), 0x85ebca6b) ^ 0x5bd1e995);
  previousWord = w;
}

function onToken(token: string, latin: boolean): void {
  addWord(token);
  // Latin-only words count as written (English, Kazakh Latin) and transliterated to Cyrillic.
  if (latin) addWord(transliterate(token));
}

/** The feature buckets of a text into the shared scratch; returns how many. */
export function featurize(text: string, abbreviations: ReadonlyMap<string, readonly Token[]>): number {
  featureCount = 0;
  previousWord = 0;
  forEachToken(text, abbreviations, onToken);
  return featureCount;
}

/**
 * The same features from the tokens forEachToken gave for the text (the classifier keeps them from
 * its vocabulary pass, so a line is normalised once); `translit[i]` may hold the token's
 * transliteration when the vocabulary already made it, else ''.
 */
export function featurizeTokens(tokens: readonly string[], latin: Uint8Array, translit: readonly string[], count: number): number {
  featureCount = 0;
  previousWord = 0;
  for (let i = 0; i < count; i += 1) {
    const token = tokens[i] ?? '';
    addWord(token);
    if (latin[i]) addWord(translit[i] || transliterate(token));
  }
  return featureCount;
}

export function featuresOf(text: string, abbreviations: ReadonlyMap<string, readonly Token[]>): Int32Array {
  return features.slice(0, featurize(text, abbreviations));
}

const logits = new Float64Array(K);

/**
 * Sums the int8 weight rows of the features into `logits`. Thirteen named accumulators instead of
 * an inner loop over categories: V8 keeps them in registers, which makes the sum 2.5× faster than
 * the loop (measured on the corpus lines, ~185 features each). The categories are fixed by data
 * contract §6; the loop stays for any other count.
 */
function sumRows(weights: Int8Array, n: number): void {
  if (K !== 13) {
    for (let k = 0; k < K; k += 1) logits[k] = 0;
    for (let f = 0; f < n; f += 1) {
      const base = (features[f] ?? 0) * K;
      for (let k = 0; k < K; k += 1) logits[k] = (logits[k] ?? 0) + (weights[base + k] ?? 0);
    }
    return;
  }
  let a0 = 0; let a1 = 0; let a2 = 0; let a3 = 0; let a4 = 0; let a5 = 0; let a6 = 0;
  let a7 = 0; let a8 = 0; let a9 = 0; let a10 = 0; let a11 = 0; let a12 = 0;
  for (let f = 0; f < n; f += 1) {
    const b = (features[f] ?? 0) * 13;
    a0 += weights[b] ?? 0; a1 += weights[b + 1] ?? 0; a2 += weights[b + 2] ?? 0; a3 += weights[b + 3] ?? 0;
    a4 += weights[b + 4] ?? 0; a5 += weights[b + 5] ?? 0; a6 += weights[b + 6] ?? 0; a7 += weights[b + 7] ?? 0;
    a8 += weights[b + 8] ?? 0; a9 += weights[b + 9] ?? 0; a10 += weights[b + 10] ?? 0; a11 += weights[b + 11] ?? 0;
    a12 += weights[b + 12] ?? 0;
  }
  logits[0] = a0; logits[1] = a1; logits[2] = a2; logits[3] = a3; logits[4] = a4; logits[5] = a5; logits[6] = a6;
  logits[7] = a7; logits[8] = a8; logits[9] = a9; logits[10] = a10; logits[11] = a11; logits[12] = a12;
}

/**
 * Class probabilities (softmax at the calibrated temperature) into `out`, in CATEGORIES order.
 * Each feature weighs 1/√n so long and short lines score on one scale. Returns false for no features.
 */
export function predict(model: NgramModel, text: string, abbreviations: ReadonlyMap<string, readonly Token[]>, out: Float64Array): boolean {
  return predictFeatures(model, featurize(text, abbreviations), out);
}

/** predict() over the first n features in the scratch, as featurize or featurizeTokens left them. */
export function predictFeatures(model: NgramModel, n: number, out: Float64Array): boolean {
  if (n === 0) return false;
  const { weights, header } = model;
  sumRows(weights, n);
  const scale = header.scale / Math.sqrt(n) / header.calibration.temperature;
  let max = -Infinity;
  for (let k = 0; k < K; k += 1) {
    const z = ((logits[k] ?? 0) * scale) + (header.bias[k] ?? 0) / header.calibration.temperature;
    logits[k] = z;
    if (z > max) max = z;
  }
  let sum = 0;
  for (let k = 0; k < K; k += 1) {
    const e = Math.exp((logits[k] ?? 0) - max);
    out[k] = e;
    sum += e;
  }
  for (let k = 0; k < K; k += 1) out[k] = (out[k] ?? 0) / sum;
  return true;
}

/** Writes the model: one JSON header line, then (bucket as uint32 LE, K int8) per touched bucket. */
export function serializeModel(header: ModelHeader, weights: Int8Array): Buffer {
  const rows: number[] = [];
  for (let b = 0; b < weights.length / K; b += 1) {
    for (let k = 0; k < K; k += 1) if (weights[b * K + k] !== 0) { rows.push(b); break; }
  }
  const body = Buffer.alloc(rows.length * (4 + K));
  rows.forEach((b, i) => {
    body.writeUInt32LE(b, i * (4 + K));
    for (let k = 0; k < K; k += 1) body.writeInt8(weights[b * K + k] ?? 0, i * (4 + K) + 4 + k);
  });
  return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`, 'utf8'), body]);
}

export function parseModel(bytes: Buffer, where = 'model'): NgramModel {
  const newline = bytes.indexOf(0x0a);
  const header = JSON.parse(bytes.subarray(0, newline).toString('utf8')) as ModelHeader;
  if (header.format !== 'vitrina-topics-ngram-1' || header.bucketBits !== BUCKET_BITS) throw new Error(`${where}: not a topic model this version reads`);
  if (header.categories.length !== K || header.categories.some((c, i) => !isCategory(c) || c !== CATEGORIES[i])) {
    throw new Error(`${where}: its categories differ from domain/categories.ts; run vitrina retrain`);
  }
  const weights = new Int8Array((1 << BUCKET_BITS) * K);
  const body = bytes.subarray(newline + 1);
  if (body.length % (4 + K) !== 0) throw new Error(`${where}: truncated`);
  for (let at = 0; at < body.length; at += 4 + K) {
    const b = body.readUInt32LE(at);
    if (b > MASK) throw new Error(`${where}: bucket ${b} out of range`);
    for (let k = 0; k < K; k += 1) weights[b * K + k] = body.readInt8(at + 4 + k);
  }
  return { header, weights, digest: createHash('sha256').update(bytes).digest('hex') };
}

/** The model in `file`, or null when there is none (the vocabulary then decides alone). */
export function readModel(file: string = process.env.VITRINA_TOPIC_MODEL || MODEL_FILE): NgramModel | null {
  if (!fs.existsSync(file)) return null;
  return parseModel(fs.readFileSync(file), file);
}
