import { z } from 'zod';
import { Day, OfficeCode, Period } from './common.ts';

/** Days first..last, both included. */
export const DaySpan = z.object({ from: Day, to: Day });

/** An office of the filter left out of a comparison (domain/coverage.ts OfficeLeftOut). */
export const OfficeLeftOut = z.object({
  office: OfficeCode,
  reason: z.enum(['behind', 'not_covered', 'no_data']).describe('behind: its files stopped; not_covered: a gap in a period; no_data: nothing received'),
  since: Day.nullable().describe('behind: the last covered day'),
  side: z.enum(['current', 'previous', 'both']),
});

/**
 * Like for like (contract §8): changes are computed over `offices`, the offices covered for the
 * whole of both periods; when none is, `comparable` is false, `reason` says why, and no change
 * (percentage, arrow) is given anywhere.
 */
export const Comparison = z.object({
  kind: z.enum(['previous', 'year_ago']),
  from: Day,
  to: Day,
  comparable: z.boolean(),
  offices: z.array(OfficeCode),
  offices_left_out: z.array(OfficeLeftOut),
  reason: z.enum(['current_not_covered', 'previous_not_covered', 'no_office_covered_both']).nullable(),
});
export type Comparison = z.infer<typeof Comparison>;

/** The period fields every aggregate answer carries (contract §8). */
export const PeriodFields = {
  /** What is shown: the request cut at completeTo. */
  period: Period,
  requested: Period,
  /** The request ends after completeTo: labelled "to date". */
  unfinished: z.boolean(),
  completeTo: Day.nullable(),
  /** The period compared with (the previous one, or the year-ago one with ?compare=year_ago). */
  previous: Period,
  comparison: Comparison,
};

/** ?compare=previous|year_ago (default previous). */
export const CompareQuery = z.object({ compare: z.enum(['previous', 'year_ago']).optional() });

export const OfficeCoverageRow = z.object({
  office: OfficeCode,
  first: Day.nullable(),
  last: Day.nullable(),
  status: z.enum(['active', 'behind', 'no_data']),
  behindSince: Day.nullable(),
  /** Runs of days inside the asked period not covered by any loaded file. */
  uncovered: z.array(DaySpan),
});

/** GET /api/coverage?from&to — every role. Table: offices. */
export const CoverageResponse = z.object({
  completeTo: Day.nullable(),
  latest: Day.nullable(),
  period: Period.nullable(),
  offices: z.array(OfficeCoverageRow),
});
export type CoverageResponse = z.infer<typeof CoverageResponse>;
export const CoverageQuery = z.object({ from: Day.optional(), to: Day.optional() });
