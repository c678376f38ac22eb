import { CATEGORIES, type Category } from '../../sql/domain/categories.ts';
import { TOPIC_PHRASES } from '../../etl/demo/phrases.ts';

/**
 * Example wording per category, shown to every role instead of visitors' own text (press may not
 * see raw topics). Taken from the project's phrase vocabulary, never from the visits table.
 */
export function categoryExamples(perCategory = 4): Partial<Record<Category, string[]>> {
  const out: Partial<Record<Category, string[]>> = {};
  for (const c of CATEGORIES) {
    const phrases = TOPIC_PHRASES[c].filter((p) => p.trim().length > 3);
    if (phrases.length) out[c] = phrases.slice(0, perCategory);
  }
  return out;
}
