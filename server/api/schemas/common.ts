import { z } from 'zod';
import { CATEGORIES } from '../../../domain/categories.ts';
import { ROLES } from '../../../domain/roles.ts';
import { STANDARDS } from '../../../domain/standards.ts';
import { addYears, almatyToday } from '../../../domain/calendar.ts';
import { serverNow } from '../../http/clock.ts';

/** An Almaty calendar day, 'YYYY-MM-DD'. Periods are [from, to): `to` is the first day NOT included. */
export const Day = z.iso.date({ error: 'expected an Almaty calendar day as YYYY-MM-DD' }).describe('Almaty calendar day, YYYY-MM-DD');

/**
 * The days a request may name: no log predates 2000, and nothing is planned more than a year
 * ahead. Outside this domain a day is refused before any reader sees it, so no input can make the
 * period arithmetic leave four-digit years (year 0000, 9999-12-31).
 */
export const FIRST_DAY = '2000-01-01';
export const MAX_PERIOD_YEARS = 10;
export function lastAllowedDay(now: number = serverNow()): string {
  return addYears(almatyToday(new Date(now)), 1);
}
export const RequestDay = Day.refine((d) => d >= FIRST_DAY && d <= lastAllowedDay(), {
  error: () => `expected a day from ${FIRST_DAY} to ${lastAllowedDay()}`,
}).describe(`Almaty calendar day, YYYY-MM-DD, from ${FIRST_DAY} to a year after today`);

/** Why [from, to) is not an allowed period, or null: `to` after `from`, at most ten years later. */
export function periodProblem(from: string, to: string): string | null {
  if (to <= from) return `to: expected a day after from (${from}); the period is [from, to)`;
  const limit = addYears(from, MAX_PERIOD_YEARS);
  if (to > limit) return `to: the period may span at most ${MAX_PERIOD_YEARS} years (to ≤ ${limit})`;
  return null;
}

/** A decimal integer in a path or query ("42"; not "0x10", "1e3", " 4" or "-1"), within [min, max]. */
export function decimalInt(min: number, max: number = Number.MAX_SAFE_INTEGER) {
  return z.string().regex(/^(0|[1-9][0-9]{0,15})$/, `expected a decimal integer from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(min, `expected at least ${min}`).max(max, `expected at most ${max}`));
}
export const Id = decimalInt(1).describe('decimal integer id');
export const OfficeCode = z.string().regex(/^[A-Z]{2,6}$/, 'an office code such as SRK').describe('office code');
export const RegionCode = z.string().regex(/^[a-z0-9-]{2,40}$/, 'a region code such as almaty-oblast');
export const Category = z.enum(CATEGORIES);
export const Role = z.enum(ROLES);

/** ?from&to&office&region — the filter every aggregate accepts. `to` must be after `from`, at most 10 years later. */
export const PeriodQuery = z.object({
  from: RequestDay,
  to: RequestDay,
  office: OfficeCode.optional(),
  region: RegionCode.optional(),
});
export type PeriodQuery = z.infer<typeof PeriodQuery>;

export const Period = z.object({ from: Day, to: Day });
export type Period = z.infer<typeof Period>;

/**
 * A count a press user may not see exactly: 1–4 becomes null and the row carries `suppressed: true`
 * (contract §7). 0 stays 0. Every row holding counts has the `suppressed` flag (false for other roles).
 */
export const Count = z.number().int().nonnegative().nullable();
export const Suppressed = z.boolean().describe('true when a count in this row (1–4) was hidden for the press role');

/** Relative change against the previous period of the same length: (now - before) / before; null when before is 0 or hidden. */
export const Change = z.number().nullable();

/** ?format= for downloads; Accept: application/vnd.apache.arrow.stream gives Arrow IPC of one table. */
export const Format = z.enum(['json', 'arrow', 'csv', 'xlsx']);
export type Format = z.infer<typeof Format>;
/**
 * Downloads of an aggregate: CSV and Arrow carry ONE of the response's tables (`?table=`, default
 * the first listed for the route), XLSX carries every table as a sheet.
 */
export const DownloadQuery = z.object({ format: Format.optional(), table: z.string().optional() });

export const ErrorBody = z.object({
  error: z.object({
    code: z.enum([
      'bad_request', 'unauthorized', 'forbidden', 'not_found', 'conflict', 'csrf', 'rate_limited',
      'payload_too_large', 'unsupported_media_type', 'not_acceptable', 'internal',
    ]),
    message: z.string(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
export type ErrorCode = ErrorBody['error']['code'];

/** Percentiles are exact percentile_cont over whole seconds, reported in minutes. */
export const DurationStats = z.object({
  metric: z.enum(['admission_delay', 'wait_time', 'service_time', 'application_time']),
  n: z.number().int(),
  median: z.number().nullable().describe('minutes'),
  p90: z.number().nullable().describe('minutes'),
  max: z.number().nullable().describe('minutes'),
  /** Share over the measure's own upper bound (5 min admission delay, 20 min application time); null for waiting and service time, which have no standard. */
  overStandard: z.number().nullable().describe('0–1; null for a measure without a standard'),
});
export type DurationStats = z.infer<typeof DurationStats>;

/** The national service standard (domain/standards.ts): a statement is filed within 15–20 minutes, admission within 5. */
export const ServiceStandard = z.object({
  minMinutes: z.literal(STANDARDS.statementMinMinutes), maxMinutes: z.literal(STANDARDS.statementMaxMinutes),
  admissionDelayMinutes: z.literal(STANDARDS.admissionDelayMaxMinutes),
});
