import { evidenceEn, evidenceItem, type EvidenceItem, type InspectionFact } from '../../domain/evidence.ts';
import type { Rule, RuleStatus } from '../../domain/rules.ts';
import type { DurationStats } from './durations.ts';
import { almatyDay } from '../../domain/calendar.ts';
import type { InspectionFacts } from './inspections.ts';
import type { Thresholds } from './thresholds.ts';
import type { ReportingGap, VisitCounts } from './visit-counts.ts';

/** Everything known about one office in one period, gathered by evaluate.ts. */
export interface OfficeFacts {
  office: string;
  /** Last day (exclusive) that reporting counts: the period's end or today, whichever is earlier. */
  reportingEnd: string;
  /** The Almaty day of the earliest visit the office ever sent; null if it never sent one. */
  reportingStart: string | null;
  counts: VisitCounts | null;
  delay: DurationStats | null;
  application: DurationStats | null;
  inspection: InspectionFacts | null;
  reporting: ReportingGap | null;
}

/** What a verdict rests on: flags keep it, so a re-evaluation can tell new data from old. */
export interface VerdictBasis {
  visits?: number;
  inspection?: { id: string; date: string; inspector: string } | null;
  gap?: { from: string; to: string } | null;
}

export interface RuleVerdict {
  rule: Rule;
  status: RuleStatus;
  value: number | null;
  threshold: number;
  /** English lines (the CLI's JSON), derived from evidence_items. */
  evidence: string[];
  /** The same lines as data, for the dashboard to say in the reader's language. */
  evidence_items: EvidenceItem[];
  small_sample?: true;
  share?: number | null;
  basis: VerdictBasis;
}

type Judge = (f: OfficeFacts, t: Thresholds) => RuleVerdict;

function inspectionBasis(i: InspectionFacts | null): VerdictBasis['inspection'] {
  return i ? { id: i.id, date: almatyDay(i.inspected_at), inspector: i.inspector } : null;
}

function inspectionLine(i: InspectionFacts, fact: InspectionFact, seen: boolean | null): EvidenceItem {
  return evidenceItem('inspection', {
    date: almatyDay(i.inspected_at), inspector: i.inspector || null, fact, seen: seen === null ? null : seen ? 'yes' : 'no',
  });
}

const NO_INSPECTION = evidenceItem('no_inspection', {});

/** The English lines beside the items they come from. */
function lines(items: EvidenceItem[]): { evidence: string[]; evidence_items: EvidenceItem[] } {
  return { evidence: items.map(evidenceEn), evidence_items: items };
}

function small(n: number, t: Thresholds): { small_sample?: true } {
  return n > 0 && n < t.small_sample_visits ? { small_sample: true } : {};
}

/** A rule decided by inspection facts alone: true is a breach (value 1), false is ok (0). */
function inspectionRule(rule: Rule, what: readonly [InspectionFact, (i: InspectionFacts) => boolean | null][],
  pick: (i: InspectionFacts) => boolean | null): Judge {
  return (f) => {
    const i = f.inspection;
    const seen = i ? pick(i) : null;
    const ev = lines(i ? what.map(([fact, get]) => inspectionLine(i, fact, get(i))) : [NO_INSPECTION]);
    if (seen === null) return { rule, status: 'no_data', value: null, threshold: 0, ...ev, basis: { inspection: inspectionBasis(i) } };
    return { rule, status: seen ? 'breach' : 'ok', value: seen ? 1 : 0, threshold: 0, ...ev, basis: { inspection: inspectionBasis(i) } };
  };
}

// Windows and doors each get their line, so the finding says where the bars are.
const noBars = inspectionRule('no_bars', [['bars_windows', (i) => i.bars_on_windows], ['bars_doors', (i) => i.bars_on_doors]], (i) => {
  if (i.bars_on_windows === true || i.bars_on_doors === true) return true;
  return i.bars_on_windows === false && i.bars_on_doors === false ? false : null;
});

const accessibleLocation = inspectionRule('accessible_location', [['perimeter', (i) => i.inside_secured_perimeter]],
  (i) => i.inside_secured_perimeter);

const noPassDelay: Judge = (f, t) => {
  const notAdmitted = f.counts ? f.counts.visits - f.counts.admitted : 0;
  const limit = t.pass_delay_minutes * 60;
  const d = f.delay;
  const base = { rule: 'no_pass_delay' as const, threshold: t.pass_delay_minutes };
  const notAdmittedLine = evidenceItem('not_admitted', { count: notAdmitted });
  if (!d || d.n === 0) {
    const ev = lines([evidenceItem('no_admitted_visits', {}), notAdmittedLine]);
    return { ...base, status: 'no_data', value: null, share: null, ...ev, basis: { visits: 0 } };
  }
  const share = d.over / d.n;
  const breach = d.pct.p90 > limit || share > t.pass_delay_share;
  return {
    ...base, status: breach ? 'breach' : 'ok', value: d.pct.p90 / 60, share, ...small(d.n, t),
    ...lines([
      evidenceItem('pass_delay_p90', { p90_min: d.pct.p90 / 60, visits: d.n, threshold_min: t.pass_delay_minutes, max_min: d.max / 60 }),
      evidenceItem('pass_delay_share', {
        over: d.over, visits: d.n, threshold_min: t.pass_delay_minutes, share, threshold_share: t.pass_delay_share,
      }),
      notAdmittedLine,
    ]),
    basis: { visits: d.n },
  };
};

/** Visits share (field left empty = left out) or the inspection: either showing it is a breach. */
function visitsAndInspection(
  rule: Rule, key: 'phone_surrender_share' | 'questioning_share', what: InspectionFact,
  pick: (c: VisitCounts) => [yes: number, known: number], seenBy: (i: InspectionFacts) => boolean | null,
): Judge {
  return (f, t) => {
    const [yes, known] = f.counts ? pick(f.counts) : [0, 0];
    const seen = f.inspection ? seenBy(f.inspection) : null;
    const threshold = t[key];
    const items: EvidenceItem[] = [known > 0
      ? evidenceItem('visits_share', { fact: what, yes, known, share: yes / known, threshold_share: threshold })
      : evidenceItem('visits_unrecorded', { fact: what })];
    if (f.counts && f.counts.visits > known) items.push(evidenceItem('visits_without_field', { count: f.counts.visits - known }));
    items.push(f.inspection ? inspectionLine(f.inspection, what, seen) : NO_INSPECTION);
    const evidence = lines(items);
    const basis = { visits: known, inspection: inspectionBasis(f.inspection) };
    if (known === 0 && seen === null) return { rule, status: 'no_data', value: null, threshold, ...evidence, basis };
    const visitBreach = known > 0 && yes / known > threshold;
    const status: RuleStatus = visitBreach || seen === true ? 'breach' : 'ok';
    // Decided by the inspection alone, the verdict does not rest on the few visits.
    const sample = seen === true && !visitBreach ? {} : small(known, t);
    return { rule, status, value: known > 0 ? yes / known : seen ? 1 : 0, threshold, ...evidence, basis, ...sample };
  };
}

const noPhoneSurrender = visitsAndInspection('no_phone_surrender', 'phone_surrender_share', 'phone',
  (c) => [c.phoneYes, c.phoneKnown], (i) => i.phones_collected_at_entrance);

const noCheckpointQuestioning = visitsAndInspection('no_checkpoint_questioning', 'questioning_share',
  'questioning', (c) => [c.questionedYes, c.questionedKnown], (i) => i.guard_questions_visitors);

const applicationTime: Judge = (f, t) => {
  const a = f.application;
  const statements = f.counts?.statements ?? 0;
  const base = { rule: 'application_time' as const, threshold: t.application_time_minutes };
  const left = statements - (a?.n ?? 0);
  const leftLine = left > 0 ? [evidenceItem('statements_without_finish', { count: left })] : [];
  if (!a || a.n === 0) {
    return { ...base, status: 'no_data', value: null, ...lines([evidenceItem('no_statements', {}), ...leftLine]), basis: { visits: 0 } };
  }
  return {
    ...base, status: a.pct.p90 > t.application_time_minutes * 60 ? 'breach' : 'ok', value: a.pct.p90 / 60, ...small(a.n, t),
    ...lines([
      evidenceItem('application_p90', { p90_min: a.pct.p90 / 60, statements: a.n, threshold_min: t.application_time_minutes }),
      evidenceItem('application_spread', { p50_min: a.pct.p50 / 60, max_min: a.max / 60 }),
      ...leftLine,
    ]),
    basis: { visits: a.n },
  };
};

const reporting: Judge = (f, t) => {
  const r = f.reporting;
  const base = { rule: 'reporting' as const, threshold: t.reporting_gap_days };
  // Contract §4: an office that never sent a visit is "never reported", listed apart, not a breach;
  // the days before its first visit ever are not counted.
  if (f.reportingStart === null) {
    return { ...base, status: 'no_data', value: null, ...lines([evidenceItem('never_reported', {})]), basis: {} };
  }
  if (f.reportingStart >= f.reportingEnd) {
    return { ...base, status: 'no_data', value: null, ...lines([evidenceItem('reporting_not_started', { start: f.reportingStart })]), basis: {} };
  }
  if (!r || r.days <= 0) {
    return { ...base, status: 'no_data', value: null, ...lines([evidenceItem('no_past_day', {})]), basis: {} };
  }
  const gap = r.gapFrom && r.gapTo ? { from: r.gapFrom, to: r.gapTo } : null;
  const basis = { visits: f.counts?.visits ?? 0, gap };
  // A short period with no visit says nothing either way: silence of up to the threshold is allowed.
  if (r.activeDays === 0 && r.days <= t.reporting_gap_days) {
    return { ...base, status: 'no_data', value: null, ...lines([evidenceItem('no_visit_short', { days: r.days })]), basis };
  }
  const items = r.activeDays === 0
    ? [evidenceItem('no_visit_at_all', { days: r.days, from: gap?.from ?? null, to: gap?.to ?? null })]
    : [
      gap ? evidenceItem('longest_gap', { days: r.longestGap, from: gap.from, to: gap.to }) : evidenceItem('visit_every_day', {}),
      evidenceItem('active_days', { active: r.activeDays, days: r.days }),
    ];
  return { ...base, status: r.longestGap > t.reporting_gap_days ? 'breach' : 'ok', value: r.longestGap, ...lines(items), basis };
};

/** The rules in the contract's order. */
export const JUDGES: readonly Judge[] = [
  noBars, noPassDelay, noPhoneSurrender, noCheckpointQuestioning, accessibleLocation, applicationTime, reporting,
];

export function judgeOffice(f: OfficeFacts, t: Thresholds): RuleVerdict[] {
  return JUDGES.map((judge) => judge(f, t));
}
