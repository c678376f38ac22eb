import { CATEGORIES, type Category } from '../../domain/categories.ts';
import { readPhrases, type Phrase } from '../../etl/classify/corpus/generate.ts';

/** How many phrases of each language an example list takes, in this order. */
const MIX: ReadonlyArray<readonly [Phrase['language'], number]> = [['ru', 2], ['kk', 1], ['en', 1]];

let cached: Partial<Record<Category, string[]>> | null = null;

/**
 * Example wording per category, shown to every role instead of visitors' own text (press may not
 * see raw topics). Taken from the phrases the classifier's corpus is generated from
 * (etl/classify/corpus/phrases), never from the visits table or the demo generator: whole phrases
 * only (no {slot}), two Russian, one Kazakh, one English.
 */
export function categoryExamples(): Partial<Record<Category, string[]>> {
  if (cached) return cached;
  const phrases = readPhrases();
  const out: Partial<Record<Category, string[]>> = {};
  for (const c of CATEGORIES) {
    if (c === 'unspecified') continue;
    const usable = phrases.filter((p) => p.category === c && !p.text.includes('{') && p.text.length >= 8 && p.text.length <= 60);
    const picked = MIX.flatMap(([language, n]) => usable.filter((p) => p.language === language).slice(0, n).map((p) => p.text));
    if (picked.length) out[c] = picked;
  }
  cached = out;
  return out;
}
