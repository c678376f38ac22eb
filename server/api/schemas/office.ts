import { z } from 'zod';
import { Change, Count, Day, DurationStats, OfficeCode, PeriodQuery, Suppressed } from './common.ts';
import { CompareQuery, DaySpan, PeriodFields } from './coverage.ts';
import { Flag, RuleVerdict } from './compliance.ts';
import { DailyVolume, HeatCell } from './overview.ts';
import { Office } from './session.ts';

/** GET /api/offices/:code?from&to (office and region in the query are ignored). */
export const OfficePageQuery = PeriodQuery.pick({ from: true, to: true }).extend(CompareQuery.shape);
export const OfficeParams = z.object({ code: OfficeCode });

export const Inspection = z.object({
  id: z.number().int(),
  inspectedAt: z.iso.datetime(),
  inspector: z.string(),
  bars_on_windows: z.boolean().nullable(),
  bars_on_doors: z.boolean().nullable(),
  inside_secured_perimeter: z.boolean().nullable(),
  phones_collected_at_entrance: z.boolean().nullable(),
  guard_questions_visitors: z.boolean().nullable(),
  signage_present: z.boolean().nullable(),
  /** inspector's notes; never sent to press (the whole list is null for press). */
  notes: z.string(),
});
export type Inspection = z.infer<typeof Inspection>;

/** Tables: daily, heatmap, topics, durations, inspections, flags. */
export const OfficePageResponse = z.object({
  office: Office,
  ...PeriodFields,
  /** `compared` equals `visits` (one office); change is null when the office is not covered on both sides. */
  totals: z.object({ visits: Count, previous: Count, compared: Count, change: Change, statements: Count, suppressed: Suppressed }),
  /** What was received from this office, and the runs of days of the period not covered. */
  coverage: z.object({
    status: z.enum(['active', 'behind', 'no_data']), first: Day.nullable(), last: Day.nullable(), behindSince: Day.nullable(),
    uncovered: z.array(DaySpan),
  }),
  daily: z.array(DailyVolume),
  heatmap: z.array(HeatCell),
  topics: z.array(z.object({ category: z.string(), visits: Count, suppressed: Suppressed })),
  /** Days of the period (up to today) with no visit recorded. */
  daysWithoutLogs: z.array(Day),
  /** null for press. */
  durations: z.array(DurationStats).nullable(),
  /** All inspections of the office up to the period's end, newest first; null for press. */
  inspections: z.array(Inspection).nullable(),
  /** Current compliance verdicts for the period; null for press. */
  compliance: z.array(RuleVerdict).nullable(),
  /** Flags of the office (any month); null for press. */
  flags: z.array(Flag).nullable(),
});
export type OfficePageResponse = z.infer<typeof OfficePageResponse>;
export { OfficeCode };
