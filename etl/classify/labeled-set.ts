import fs from 'node:fs';
import { isCategory, type Category } from '../../domain/categories.ts';

/** One line of a labeled set (tests/fixtures/topics/labeled.tsv). */
export interface LabeledText {
  text: string;
  service: string | null;
  expected: Category;
  language: string;
  split: 'train' | 'holdout';
  line: number;
}

/**
 * Reads a labeled TSV with the header `text, service, expected, language, split` (`category` and
 * `lang` are read as `expected` and `language`). Only `text` and `expected` are required; a file without a split column is all holdout (nothing was tuned on it).
 */
export function readLabeledSet(file: string): LabeledText[] {
  const lines = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split('\t').map((h) => h.trim().toLowerCase());
  // The frozen blind set (tests/fixtures/classifier/blind-set.tsv) names its columns lang, category, text.
  const col = (name: string): number => {
    const i = header.indexOf(name);
    return i >= 0 ? i : header.indexOf(({ expected: 'category', language: 'lang' } as Record<string, string>)[name] ?? '');
  };
  const [text, expected] = [col('text'), col('expected')];
  if (text < 0 || expected < 0) throw new Error(`${file}: expected a header with "text" and "expected" columns, found "${lines[0] ?? ''}"`);
  const rows: LabeledText[] = [];
  lines.slice(1).forEach((raw, i) => {
    if (raw.trim() === '' && raw.split('\t').length < 3) return;
    const f = raw.split('\t');
    const category = (f[expected] ?? '').trim();
    if (!isCategory(category)) throw new Error(`${file}:${i + 2}: unknown category "${category}"`);
    const split = col('split') >= 0 ? (f[col('split')] ?? '').trim() : 'holdout';
    if (split !== 'train' && split !== 'holdout') throw new Error(`${file}:${i + 2}: split must be train or holdout, found "${split}"`);
    const service = col('service') >= 0 ? (f[col('service')] ?? '').trim() : '';
    rows.push({
      text: f[text] ?? '', service: service || null, expected: category,
      language: col('language') >= 0 ? (f[col('language')] ?? '').trim() : '', split, line: i + 2,
    });
  });
  return rows;
}
