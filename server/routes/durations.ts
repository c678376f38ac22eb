import { STANDARDS } from '../../domain/standards.ts';
import type { DurationSummaryRow } from '../../sql/queries/durations.ts';

import type { DurationStats } from '../api/contract.ts';

const toMinutes = (s: number | null): number | null => (s === null ? null : s / 60);

/** Seconds from the histogram query → the API's minutes, with the share over the standard. */
export function durationStats(r: DurationSummaryRow): DurationStats {
  return {
    metric: r.metric, n: r.n, median: toMinutes(r.median), p90: toMinutes(r.p90), max: toMinutes(r.max),
    overStandard: r.n > 0 ? r.over / r.n : null,
  };
}

/** The service standard as the API states it (domain/standards.ts). */
export const STANDARD = {
  minMinutes: STANDARDS.statementMinMinutes, maxMinutes: STANDARDS.statementMaxMinutes, admissionDelayMinutes: STANDARDS.admissionDelayMaxMinutes,
} as const;
