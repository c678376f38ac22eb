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
