import { CATEGORIES, type Category } from '../../domain/categories.ts';
import type { LabeledText } from './labeled-set.ts';
import type { TopicResult } from './classify-topic.ts';

export interface CategoryScore {
  category: Category;
  total: number;
  correct: number;
  /** correct / total (recall), null when the set has no text of this category. */
  accuracy: number | null;
}

export interface Evaluation {
  total: number;
  correct: number;
  accuracy: number;
  perCategory: CategoryScore[];
  /** confusion[expected][predicted] = number of texts. */
  confusion: Record<Category, Record<Category, number>>;
  errors: Array<{ row: LabeledText; got: TopicResult }>;
  /** Of the texts that mean something (any word), the share the classifier left `unspecified`. */
  unspecifiedMeaningful: number;
  reliability: ReliabilityBin[];
}

/** Texts whose confidence fell in [from, to): how sure the classifier said it was, and how often it was right. */
export interface ReliabilityBin {
  from: number;
  to: number;
  texts: number;
  meanConfidence: number | null;
  accuracy: number | null;
}

const BIN_EDGES = [0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0001];

/** The reliability table: a calibrated classifier's accuracy in each bin is close to its mean confidence. */
export function reliability(outcomes: ReadonlyArray<{ confidence: number; correct: boolean }>): ReliabilityBin[] {
  return BIN_EDGES.slice(0, -1).map((from, i) => {
    const to = BIN_EDGES[i + 1] ?? 1;
    const inBin = outcomes.filter((o) => o.confidence >= from && o.confidence < to);
    const n = inBin.length;
    return {
      from, to: Math.min(to, 1), texts: n,
      meanConfidence: n ? inBin.reduce((a, o) => a + o.confidence, 0) / n : null,
      accuracy: n ? inBin.filter((o) => o.correct).length / n : null,
    };
  });
}

export function formatReliability(bins: readonly ReliabilityBin[]): string[] {
  const lines = ['  confidence     texts  mean conf.  accuracy'];
  for (const b of bins) {
    const range = `${b.from.toFixed(2)}–${b.to.toFixed(2)}`;
    lines.push(`  ${range.padEnd(13)}${String(b.texts).padStart(6)}  ${pct(b.meanConfidence).padStart(10)}  ${pct(b.accuracy).padStart(8)}`);
  }
  return lines;
}

export function evaluate(rows: readonly LabeledText[], classify: (text: string, service?: string | null) => TopicResult): Evaluation {
  const zeros = (): Record<Category, number> => Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  const confusion = Object.fromEntries(CATEGORIES.map((c) => [c, zeros()])) as Evaluation['confusion'];
  const errors: Evaluation['errors'] = [];
  const outcomes: Array<{ confidence: number; correct: boolean }> = [];
  let meaningful = 0;
  let unspecified = 0;
  for (const row of rows) {
    const got = classify(row.text, row.service);
    confusion[row.expected][got.category] += 1;
    if (got.category !== row.expected) errors.push({ row, got });
    outcomes.push({ confidence: got.confidence, correct: got.category === row.expected });
    if (row.expected !== 'unspecified') {
      meaningful += 1;
      if (got.category === 'unspecified') unspecified += 1;
    }
  }
  const perCategory = CATEGORIES.map((category) => {
    const total = Object.values(confusion[category]).reduce((a, b) => a + b, 0);
    const correct = confusion[category][category];
    return { category, total, correct, accuracy: total ? correct / total : null };
  });
  const correct = rows.length - errors.length;
  return {
    total: rows.length, correct, accuracy: rows.length ? correct / rows.length : 0, perCategory, confusion, errors,
    unspecifiedMeaningful: meaningful ? unspecified / meaningful : 0, reliability: reliability(outcomes),
  };
}

const pct = (x: number | null): string => (x === null ? '   —' : `${(x * 100).toFixed(1).padStart(5)}%`);

/** Accuracy overall and per category, then the confusion matrix (rows expected, columns predicted). */
export function formatEvaluation(e: Evaluation): string[] {
  const lines = [`accuracy ${pct(e.accuracy)} (${e.correct}/${e.total})`, ''];
  for (const s of e.perCategory) {
    if (s.total) lines.push(`  ${s.category.padEnd(15)} ${pct(s.accuracy)}  ${String(s.correct).padStart(4)}/${s.total}`);
  }
  const used = CATEGORIES.filter((c) => e.perCategory.some((s) => s.total > 0 && (s.category === c || e.confusion[s.category][c] > 0)));
  const short = (c: string): string => c.slice(0, 5).padStart(6);
  lines.push('', `  ${'expected \\ got'.padEnd(15)}${used.map(short).join('')}`);
  for (const row of used) {
    if (!e.perCategory.find((s) => s.category === row)?.total) continue;
    lines.push(`  ${row.padEnd(15)}${used.map((c) => String(e.confusion[row][c] || '.').padStart(6)).join('')}`);
  }
  lines.push('', `unspecified for meaningful texts (expected anything else): ${pct(e.unspecifiedMeaningful)}`, '', 'reliability:');
  lines.push(...formatReliability(e.reliability));
  return lines;
}
