/** Tables of migration 0004 (thresholds, evaluations, flags, audit trail). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ComplianceTables {}
