import { CATEGORIES, type Category } from '../../sql/domain/categories.ts';
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
}

export function evaluate(rows: readonly LabeledText[], classify: (text: string, service?: string | null) => TopicResult): Evaluation {
  const zeros = (): Record<Category, number> => Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  const confusion = Object.fromEntries(CATEGORIES.map((c) => [c, zeros()])) as Evaluation['confusion'];
  const errors: Evaluation['errors'] = [];
  for (const row of rows) {
    const got = classify(row.text, row.service);
    confusion[row.expected][got.category] += 1;
    if (got.category !== row.expected) errors.push({ row, got });
  }
  const perCategory = CATEGORIES.map((category) => {
    const total = Object.values(confusion[category]).reduce((a, b) => a + b, 0);
    const correct = confusion[category][category];
    return { category, total, correct, accuracy: total ? correct / total : null };
  });
  const correct = rows.length - errors.length;
  return { total: rows.length, correct, accuracy: rows.length ? correct / rows.length : 0, perCategory, confusion, errors };
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
  return lines;
}
