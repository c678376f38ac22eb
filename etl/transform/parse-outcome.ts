import { OUTCOMES, type Outcome } from '../../domain/visit-codes.ts';
import type { RawValue } from '../model.ts';
import { foldPhrase } from './fold-text.ts';

export interface ParsedOutcome {
  outcome: Outcome | null;
  /** The text as written, trimmed; null when empty. */
  outcome_text: string | null;
}

/**
 * Word stems per outcome over folded text (өтініш қабылданды → отиниш кабылданды). Checked in this
 * order, so "отказано в принятии заявления" is refused, not accepted, and "направлен с заявлением"
 * is referred.
 */
const PATTERNS: readonly (readonly [Outcome, RegExp])[] = [
  ['refused', /(^| )(отказ|не принят|не зарегистр|отклон|бас тарт|кабылдамад|refus|reject|denied|declined)/],
  ['referred', /(^| )(направлен|перенаправлен|переадресован|передан|жиберилд|жолданд|refer|redirect|forwarded)/],
  ['statement_accepted', /(^| )(заявлен|принят|зарегистр|кусп|куи|ердр|отиниш|арыз|кабылданд|тиркелд|statement|accepted|filed|registered)/],
  ['consultation', /(^| )(консульт|разъясн|кенес|тусиндир|consult|advice|advised|explained|information|info)/],
];

const CODES = new Set<string>(OUTCOMES);

/** An outcome code from a code or a phrase in ru/kk/en; unknown text keeps outcome_text with a null code. */
export function parseOutcome(value: RawValue | undefined): ParsedOutcome {
  if (value === null || value === undefined) return { outcome: null, outcome_text: null };
  const text = String(value).trim();
  if (text === '') return { outcome: null, outcome_text: null };
  const lower = text.toLowerCase();
  if (CODES.has(lower)) return { outcome: lower as Outcome, outcome_text: text };
  const folded = foldPhrase(text);
  for (const [outcome, pattern] of PATTERNS) {
    if (pattern.test(folded)) return { outcome, outcome_text: text };
  }
  return { outcome: null, outcome_text: text };
}
