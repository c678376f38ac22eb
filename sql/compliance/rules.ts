import type { Rule, RuleStatus } from '../domain/rules.ts';
import type { DurationStats } from './durations.ts';
import { almatyDay, minutes, percent, yesNo } from './format.ts';
import type { InspectionFacts } from './inspections.ts';
import type { Thresholds } from './thresholds.ts';
import type { ReportingGap, VisitCounts } from './visit-counts.ts';

/** Everything known about one office in one period, gathered by evaluate.ts. */
export interface OfficeFacts {
  office: string;
  /** Last day (exclusive) that reporting counts: the period's end or today, whichever is earlier. */
  reportingEnd: string;
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
  evidence: string[];
  small_sample?: true;
  share?: number | null;
  basis: VerdictBasis;
}

type Judge = (f: OfficeFacts, t: Thresholds) => RuleVerdict;

function inspectionBasis(i: InspectionFacts | null): VerdictBasis['inspection'] {
  return i ? { id: i.id, date: almatyDay(i.inspected_at), inspector: i.inspector } : null;
}

function inspectionLine(i: InspectionFacts, what: string, seen: boolean | null): string {
  return `inspection ${almatyDay(i.inspected_at)}${i.inspector ? ` (${i.inspector})` : ''}: ${what} ${yesNo(seen)}`;
}

function small(n: number, t: Thresholds): { small_sample?: true } {
  return n > 0 && n < t.small_sample_visits ? { small_sample: true } : {};
}

/** A rule decided by one inspection fact alone: true is a breach (value 1), false is ok (0). */
function inspectionRule(rule: Rule, what: string, pick: (i: InspectionFacts) => boolean | null): Judge {
  return (f) => {
    const i = f.inspection;
    const seen = i ? pick(i) : null;
    const evidence = i ? [inspectionLine(i, what, seen)] : [`no inspection on or before the period's end`];
    if (seen === null) return { rule, status: 'no_data', value: null, threshold: 0, evidence, basis: { inspection: inspectionBasis(i) } };
    return { rule, status: seen ? 'breach' : 'ok', value: seen ? 1 : 0, threshold: 0, evidence, basis: { inspection: inspectionBasis(i) } };
  };
}

const noBars = inspectionRule('no_bars', 'bars on windows or doors', (i) => {
  if (i.bars_on_windows === true || i.bars_on_doors === true) return true;
  return i.bars_on_windows === false && i.bars_on_doors === false ? false : null;
});

const accessibleLocation = inspectionRule('accessible_location', 'office inside the secured perimeter',
  (i) => i.inside_secured_perimeter);

const noPassDelay: Judge = (f, t) => {
  const notAdmitted = f.counts ? f.counts.visits - f.counts.admitted : 0;
  const limit = t.pass_delay_minutes * 60;
  const d = f.delay;
  const base = { rule: 'no_pass_delay' as const, threshold: t.pass_delay_minutes };
  const notAdmittedLine = `not_admitted: ${notAdmitted} visits without an admission time, left out`;
  if (!d || d.n === 0) {
    return { ...base, status: 'no_data', value: null, share: null, evidence: ['no admitted visits in the period', notAdmittedLine], basis: { visits: 0 } };
  }
  const share = d.over / d.n;
  const breach = d.pct.p90 > limit || share > t.pass_delay_share;
  return {
    ...base, status: breach ? 'breach' : 'ok', value: d.pct.p90 / 60, share, ...small(d.n, t),
    evidence: [
      `p90 admission delay ${minutes(d.pct.p90)} over ${d.n} admitted visits (threshold ${t.pass_delay_minutes} min); max ${minutes(d.max)}`,
      `${d.over} of ${d.n} admitted after more than ${t.pass_delay_minutes} min: ${percent(share)} (threshold ${percent(t.pass_delay_share)})`,
      notAdmittedLine,
    ],
    basis: { visits: d.n },
  };
};

/** Visits share (field left empty = left out) or the inspection: either showing it is a breach. */
function visitsAndInspection(
  rule: Rule, key: 'phone_surrender_share' | 'questioning_share', what: string,
  pick: (c: VisitCounts) => [yes: number, known: number], seenBy: (i: InspectionFacts) => boolean | null,
): Judge {
  return (f, t) => {
    const [yes, known] = f.counts ? pick(f.counts) : [0, 0];
    const seen = f.inspection ? seenBy(f.inspection) : null;
    const threshold = t[key];
    const evidence: string[] = [];
    if (known > 0) evidence.push(`${what}: ${yes} of ${known} visits where it was recorded, ${percent(yes / known)} (threshold ${percent(threshold)})`);
    else evidence.push(`${what}: not recorded for any visit`);
    if (f.counts && f.counts.visits > known) evidence.push(`${f.counts.visits - known} visits without the field, left out`);
    evidence.push(f.inspection ? inspectionLine(f.inspection, what, seen) : `no inspection on or before the period's end`);
    const basis = { visits: known, inspection: inspectionBasis(f.inspection) };
    if (known === 0 && seen === null) return { rule, status: 'no_data', value: null, threshold, evidence, basis };
    const visitBreach = known > 0 && yes / known > threshold;
    const status: RuleStatus = visitBreach || seen === true ? 'breach' : 'ok';
    // Decided by the inspection alone, the verdict does not rest on the few visits.
    const sample = seen === true && !visitBreach ? {} : small(known, t);
    return { rule, status, value: known > 0 ? yes / known : seen ? 1 : 0, threshold, evidence, basis, ...sample };
  };
}

const noPhoneSurrender = visitsAndInspection('no_phone_surrender', 'phone_surrender_share', 'phone surrendered',
  (c) => [c.phoneYes, c.phoneKnown], (i) => i.phones_collected_at_entrance);

const noCheckpointQuestioning = visitsAndInspection('no_checkpoint_questioning', 'questioning_share',
  'questioned at the checkpoint', (c) => [c.questionedYes, c.questionedKnown], (i) => i.guard_questions_visitors);

const applicationTime: Judge = (f, t) => {
  const a = f.application;
  const statements = f.counts?.statements ?? 0;
  const base = { rule: 'application_time' as const, threshold: t.application_time_minutes };
  const left = statements - (a?.n ?? 0);
  const leftLine = left > 0 ? [`${left} accepted statements without a finish time, left out`] : [];
  if (!a || a.n === 0) {
    return { ...base, status: 'no_data', value: null, evidence: ['no accepted statements with arrival and finish times', ...leftLine], basis: { visits: 0 } };
  }
  return {
    ...base, status: a.pct.p90 > t.application_time_minutes * 60 ? 'breach' : 'ok', value: a.pct.p90 / 60, ...small(a.n, t),
    evidence: [
      `p90 application time ${minutes(a.pct.p90)} over ${a.n} accepted statements (threshold ${t.application_time_minutes} min)`,
      `p50 ${minutes(a.pct.p50)}, max ${minutes(a.max)}; standard 15–20 min`,
      ...leftLine,
    ],
    basis: { visits: a.n },
  };
};

const reporting: Judge = (f, t) => {
  const r = f.reporting;
  const base = { rule: 'reporting' as const, threshold: t.reporting_gap_days };
  if (!r || r.days <= 0) {
    return { ...base, status: 'no_data', value: null, evidence: ['no past day in the period yet'], basis: {} };
  }
  const gap = r.gapFrom && r.gapTo ? { from: r.gapFrom, to: r.gapTo } : null;
  const basis = { visits: f.counts?.visits ?? 0, gap };
  // A short period with no visit says nothing either way: silence of up to the threshold is allowed.
  if (r.activeDays === 0 && r.days <= t.reporting_gap_days) {
    return { ...base, status: 'no_data', value: null, evidence: [`no visit recorded in ${r.days} days`], basis };
  }
  const evidence = r.activeDays === 0
    ? [`no visit recorded at all in ${r.days} days (${gap?.from} – ${gap?.to})`]
    : [
      gap ? `longest gap ${r.longestGap} days without any visit: ${gap.from} – ${gap.to}` : 'a visit recorded every day',
      `visits recorded on ${r.activeDays} of ${r.days} days`,
    ];
  return { ...base, status: r.longestGap > t.reporting_gap_days ? 'breach' : 'ok', value: r.longestGap, evidence, basis };
};

/** The rules in the contract's order. */
export const JUDGES: readonly Judge[] = [
  noBars, noPassDelay, noPhoneSurrender, noCheckpointQuestioning, accessibleLocation, applicationTime, reporting,
];

export function judgeOffice(f: OfficeFacts, t: Thresholds): RuleVerdict[] {
  return JUDGES.map((judge) => judge(f, t));
}
