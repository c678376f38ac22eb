import type { EvidenceTemplates, InspectionFact, Seen } from '../../../domain/evidence.ts';
import { fmtDay, fmtFixed, fmtInt, fmtNum, fmtShare } from '../format.ts';

const min = (m: number): string => `${fmtNum(m)} min`;
const pct = (share: number): string => fmtShare(share, 1);
const seen = (s: Seen): string => (s === null ? 'not recorded' : s);
const days = (n: number): string => `${fmtInt(n)} ${n === 1 ? 'day' : 'days'}`;
const visits = (n: number): string => `${fmtInt(n)} ${n === 1 ? 'visit' : 'visits'}`;

/** What the inspection found, named as a finding. */
const FOUND: Readonly<Record<InspectionFact, string>> = {
  bars: 'Bars on windows or doors',
  bars_windows: 'Bars on windows',
  bars_doors: 'Bars on doors',
  perimeter: 'Office behind the guard post',
  phone: 'Phones taken at the entrance',
  questioning: 'Guard questions visitors',
};
/** What the order requires of that fact. */
const REQUIRED: Readonly<Record<InspectionFact, string>> = {
  bars: 'not allowed', bars_windows: 'not allowed', bars_doors: 'not allowed',
  perimeter: 'reception before the guard post', phone: 'not allowed', questioning: 'not allowed',
};
/** What the visit log records about one visitor. */
const RECORDED: Readonly<Record<InspectionFact, string>> = {
  bars: 'Bars on windows or doors',
  bars_windows: 'Bars on windows',
  bars_doors: 'Bars on doors',
  perimeter: 'Office inside the secured perimeter',
  phone: 'Phone surrendered',
  questioning: 'Questioned at the checkpoint',
};

/** The dashboard's English: the CLI's lines, with the interface's number and date formats. */
export const EVIDENCE_EN_WEB: EvidenceTemplates = {
  inspection: (p) => `${FOUND[p.fact]}: ${seen(p.seen)} (inspection ${fmtDay(p.date)}${p.inspector ? `, inspector ${p.inspector}` : ''})`
    + ` — the order: ${REQUIRED[p.fact]}`,
  no_inspection: () => 'No inspection on or before the end of the period',
  no_admitted_visits: () => 'No admitted visits in the period',
  pass_delay_p90: (p) => `p90 ${min(p.p90_min)} against a standard of ${fmtNum(p.threshold_min)} min; max ${min(p.max_min)}, `
    + `${visits(p.visits)} admitted`,
  pass_delay_share: (p) => `${fmtInt(p.over)} of ${fmtInt(p.visits)} admitted waited longer than ${fmtNum(p.threshold_min)} min — `
    + `${pct(p.share)} (allowed up to ${pct(p.threshold_share)})`,
  not_admitted: (p) => `Without an admission time, left out: ${visits(p.count)}`,
  visits_share: (p) => `${RECORDED[p.fact]}: ${fmtInt(p.yes)} of ${visits(p.known)} where it was recorded — `
    + `${pct(p.share)} (threshold ${pct(p.threshold_share)})`,
  visits_unrecorded: (p) => `${RECORDED[p.fact]}: not recorded for any visit`,
  visits_without_field: (p) => `Without the field, left out: ${visits(p.count)}`,
  no_statements: () => 'No accepted statements with arrival and finish times',
  application_p90: (p) => `p90 application time ${min(p.p90_min)} over ${fmtInt(p.statements)} accepted `
    + `${p.statements === 1 ? 'statement' : 'statements'} (threshold ${fmtNum(p.threshold_min)} min)`,
  application_spread: (p) => `Median ${min(p.p50_min)}, max ${min(p.max_min)}; standard 15–20 min`,
  statements_without_finish: (p) => `Accepted statements without a finish time, left out: ${fmtInt(p.count)}`,
  no_past_day: () => 'No past day in the period yet',
  never_reported: () => 'Never reported: no visit received from this office',
  reporting_not_started: (p) => `Reporting starts ${fmtDay(p.start)} (first visit received), after this period`,
  no_visit_short: (p) => `No visit recorded in ${days(p.days)}`,
  no_visit_at_all: (p) => `No visit recorded at all in ${days(p.days)}${p.from && p.to ? ` (${fmtDay(p.from)} – ${fmtDay(p.to)})` : ''}`,
  longest_gap: (p) => `Longest gap without any visit: ${days(p.days)}, ${fmtDay(p.from)} – ${fmtDay(p.to)}`,
  visit_every_day: () => 'A visit recorded every day',
  active_days: (p) => `Visits recorded on ${fmtInt(p.active)} of ${days(p.days)}`,
};
