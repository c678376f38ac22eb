/** Compliance with the order (data contract §4): what the CLI, the server and the pipeline call. */
export { evaluateCompliance, judgeOffices, ComplianceInputError, type ComplianceOptions, type ComplianceReport, type RuleResult } from './evaluate.ts';
export { getComplianceMetrics, getDelayDistribution, type ComplianceMetrics, type OfficeMetrics, type DelayDistribution } from './metrics.ts';
export { refreshFlagsForMonths, applyMonthVerdicts, type FlagEvidence, type FlagRefresh } from './flags.ts';
export { actOnFlag, getFlagActions, FlagActionError, type FlagActionInput, type InspectorAction } from './flag-actions.ts';
export { listCases, listAllCases, findCaseCovering, getCaseMonths, type CaseFilter, type CaseList, type CaseListRow } from './case-list.ts';
export { getThresholds, setThreshold, getThresholdChanges, type Thresholds } from './thresholds.ts';
export { recordEvaluation } from './evaluations.ts';
export { calendarMonthOf, monthPeriod, type Period } from '../../domain/calendar.ts';
