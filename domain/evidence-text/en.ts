import type { EvidenceTemplates, InspectionFact, Seen } from '../evidence.ts';
import type { EvidenceFormats } from './formats.ts';
import { STATEMENT_RANGE_TEXT } from '../standards.ts';

const seen = (s: Seen): string => (s === null ? 'not recorded' : s);

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
export function evidenceEnglish(fmt: EvidenceFormats): EvidenceTemplates {
  const min = (m: number): string => `${fmt.num(m)} min`;
  const days = (n: number): string => `${fmt.int(n)} ${n === 1 ? 'day' : 'days'}`;
  const visits = (n: number): string => `${fmt.int(n)} ${n === 1 ? 'visit' : 'visits'}`;
  return {
    inspection: (p) => `${FOUND[p.fact]}: ${seen(p.seen)} (inspection ${fmt.day(p.date)}${p.inspector ? `, inspector ${p.inspector}` : ''})`
      + ` — the order: ${REQUIRED[p.fact]}`,
    no_inspection: () => 'No inspection on or before the end of the period',
    no_admitted_visits: () => 'No admitted visits in the period',
    pass_delay_p90: (p) => `p90 ${min(p.p90_min)} against a standard of ${fmt.num(p.threshold_min)} min; max ${min(p.max_min)}, `
      + `${visits(p.visits)} admitted`,
    pass_delay_share: (p) => `${fmt.int(p.over)} of ${fmt.int(p.visits)} admitted waited longer than ${fmt.num(p.threshold_min)} min — `
      + `${fmt.pct(p.share)} (allowed up to ${fmt.pct(p.threshold_share)})`,
    not_admitted: (p) => `Without an admission time, left out: ${visits(p.count)}`,
    visits_share: (p) => `${RECORDED[p.fact]}: ${fmt.int(p.yes)} of ${visits(p.known)} where it was recorded — `
      + `${fmt.pct(p.share)} (threshold ${fmt.pct(p.threshold_share)})`,
    visits_unrecorded: (p) => `${RECORDED[p.fact]}: not recorded for any visit`,
    visits_without_field: (p) => `Without the field, left out: ${visits(p.count)}`,
    no_statements: () => 'No accepted statements with arrival and finish times',
    application_p90: (p) => `p90 application time ${min(p.p90_min)} over ${fmt.int(p.statements)} accepted `
      + `${p.statements === 1 ? 'statement' : 'statements'} (threshold ${fmt.num(p.threshold_min)} min)`,
    application_spread: (p) => `Median ${min(p.p50_min)}, max ${min(p.max_min)}; standard ${STATEMENT_RANGE_TEXT} min`,
    statements_without_finish: (p) => `Accepted statements without a finish time, left out: ${fmt.int(p.count)}`,
    no_past_day: () => 'No past day in the period yet',
    never_reported: () => 'Never reported: no visit received from this office',
    reporting_not_started: (p) => `Reporting starts ${fmt.day(p.start)} (first visit received), after this period`,
    no_visit_short: (p) => `No visit recorded in ${days(p.days)}`,
    no_visit_at_all: (p) => `No visit recorded at all in ${days(p.days)}${p.from && p.to ? ` (${fmt.day(p.from)} – ${fmt.day(p.to)})` : ''}`,
    longest_gap: (p) => `Longest gap without any visit: ${days(p.days)}, ${fmt.day(p.from)} – ${fmt.day(p.to)}`,
    visit_every_day: () => 'A visit recorded every day',
    active_days: (p) => `Visits recorded on ${fmt.int(p.active)} of ${days(p.days)}`,
  };
}
