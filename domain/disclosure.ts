import { addDays, addMonths, daysBetween } from './calendar.ts';
import type { Lang } from './labels.ts';
import { calendarUnitOf as unitOf, UNIT_MONTHS, type CalendarUnit } from './periods.ts';

/**
 * Disclosure control for the press role (data contract §7). The method, in full:
 *
 * 1. Press may ask only for whole calendar months, quarters and years (server/http/press-periods.ts refuses the
 *    rest with a 400). Arbitrary ranges would let two overlapping requests be subtracted down to a day.
 * 2. Every count press receives — a table cell, a row or column total, a grand total, a previous-period
 *    figure — is protected on its own from its own true value by `protect`: 0 stays 0, 1–4 is hidden
 *    (null, shown as «<5»), 5 and more is rounded to the nearest multiple of 5.
 * 3. Shares, changes and the summary text are computed from the protected values only.
 *
 * Why this holds: a published figure X ≥ 5 only says the truth lies in [X − 2, X + 2] ([5, 7] for
 * X = 5). Subtracting other published figures from a total (row/column totals, a quarter minus its
 * months, overview totals minus topic cells) adds up these ±2 uncertainties, so the residue for a
 * hidden cell always spans more than one value of 1–4. Rounding is a function of the true value alone,
 * so asking again, or through another view, returns the same figure and averages nothing out.
 * tests/server/disclosure-attack.test.ts runs these attacks over a seeded year and must recover none.
 */
export const ROUNDING_BASE = 5;

/** The published value of a true count: 0 → 0, 1–4 → null (suppressed), else the nearest multiple of 5. */
export function protect(n: number): number | null {
  if (n === 0) return 0;
  if (n >= 1 && n < ROUNDING_BASE) return null;
  return Math.round(n / ROUNDING_BASE) * ROUNDING_BASE;
}

/** The one sentence shown under every table the press role sees, and in its downloads. */
export const METHOD_NOTE: Readonly<Record<Lang, string>> = {
  ru: 'Значения меньше 5 скрыты («<5»), остальные числа округлены до 5; доли и изменения рассчитаны по округлённым числам.',
  kk: '5-тен аз мәндер жасырылған («<5»), қалған сандар 5-ке дейін дөңгелектенген; үлестер мен өзгерістер дөңгелектенген сандар бойынша есептелген.',
  en: 'Values below 5 are hidden («<5») and all other numbers are rounded to the nearest 5; shares and changes are computed from the rounded numbers.',
};

export type { CalendarUnit };

/** Which calendar unit [from, to) is exactly, or null (a day, a week, any other range). */
export function calendarUnitOf(from: string, to: string): CalendarUnit | null {
  return unitOf({ from, to });
}

/** §8: the previous calendar month, quarter or year; for any other range the same number of days just before. */
export function previousPeriod(p: { from: string; to: string }): { from: string; to: string } {
  const unit = unitOf(p);
  if (unit === null) return { from: addDays(p.from, -daysBetween(p.from, p.to)), to: p.from };
  return { from: addMonths(p.from, -UNIT_MONTHS[unit]), to: p.from };
}
