/**
 * The time standards and the measure each belongs to (contract §8). Waiting and service times have
 * none: they are shown with their units and no borrowed band.
 */
export const STANDARDS = {
  /** Filing a statement (outcome statement_accepted, arrived → finished): 15–20 minutes. */
  statementMinMinutes: 15,
  statementMaxMinutes: 20,
  /** Admission delay (arrived → admitted): the 5 minute threshold of rule no_pass_delay. */
  admissionDelayMaxMinutes: 5,
} as const;

/** The duration measures the logs give (arrived → admitted, → started, started → finished, arrived → finished for statements). */
export type DurationMeasure = 'admission_delay' | 'wait_time' | 'service_time' | 'application_time';

/** A measure's own standard in minutes: an upper bound, and for statements a range. */
export interface MeasureStandard { minMinutes: number | null; maxMinutes: number }

/** The standard a measure is judged against, or null for one that has none (waiting, service). */
export function standardOf(measure: DurationMeasure): MeasureStandard | null {
  if (measure === 'admission_delay') return { minMinutes: null, maxMinutes: STANDARDS.admissionDelayMaxMinutes };
  if (measure === 'application_time') return { minMinutes: STANDARDS.statementMinMinutes, maxMinutes: STANDARDS.statementMaxMinutes };
  return null;
}

/**
 * The bound, in seconds, over which a duration counts in a measure's share "over the standard"
 * (overStandard in the API): the admission delay's 5 minutes at the door, the statement's upper
 * 20 minutes for the rest. Waiting and service time have no standard of their own; their share over
 * 20 minutes is a histogram split only: the API reports no share over it (standardOf is null).
 */
export const OVER_STANDARD_SECONDS: Readonly<Record<DurationMeasure, number>> = {
  admission_delay: STANDARDS.admissionDelayMaxMinutes * 60,
  wait_time: STANDARDS.statementMaxMinutes * 60,
  service_time: STANDARDS.statementMaxMinutes * 60,
  application_time: STANDARDS.statementMaxMinutes * 60,
};

/** A statement's standard as people write it: '15–20'. */
export const STATEMENT_RANGE_TEXT = `${STANDARDS.statementMinMinutes}–${STANDARDS.statementMaxMinutes}`;
