/**
 * Compliance evidence as data: each line a key and its parameters, so the dashboard can say it in
 * Russian, Kazakh or English. The English text below is what the CLI prints (contract §5 keeps it
 * as a string array), derived from the same items so the two never drift apart.
 */
import { STATEMENT_RANGE_TEXT } from './standards.ts';

/** What an inspection recorded, as the rules ask it. */
/** 'bars' (windows or doors together) is kept for evidence stored before the two were told apart. */
export const INSPECTION_FACTS = ['bars', 'bars_windows', 'bars_doors', 'perimeter', 'phone', 'questioning'] as const;
export type InspectionFact = (typeof INSPECTION_FACTS)[number];
/** A fact's answer: null when the inspection left it empty. */
export type Seen = 'yes' | 'no' | null;

/** Parameters per key. Durations are minutes, shares 0–1, days YYYY-MM-DD (Almaty). */
export interface EvidenceParams {
  inspection: { date: string; inspector: string | null; fact: InspectionFact; seen: Seen };
  no_inspection: Record<string, never>;
  no_admitted_visits: Record<string, never>;
  pass_delay_p90: { p90_min: number; visits: number; threshold_min: number; max_min: number };
  pass_delay_share: { over: number; visits: number; threshold_min: number; share: number; threshold_share: number };
  not_admitted: { count: number };
  visits_share: { fact: InspectionFact; yes: number; known: number; share: number; threshold_share: number };
  visits_unrecorded: { fact: InspectionFact };
  visits_without_field: { count: number };
  no_statements: Record<string, never>;
  application_p90: { p90_min: number; statements: number; threshold_min: number };
  application_spread: { p50_min: number; max_min: number };
  statements_without_finish: { count: number };
  no_past_day: Record<string, never>;
  never_reported: Record<string, never>;
  reporting_not_started: { start: string };
  no_visit_short: { days: number };
  no_visit_at_all: { days: number; from: string | null; to: string | null };
  longest_gap: { days: number; from: string; to: string };
  visit_every_day: Record<string, never>;
  active_days: { active: number; days: number };
}
export type EvidenceKey = keyof EvidenceParams;

export const EVIDENCE_KEYS = [
  'inspection', 'no_inspection', 'no_admitted_visits', 'pass_delay_p90', 'pass_delay_share', 'not_admitted',
  'visits_share', 'visits_unrecorded', 'visits_without_field', 'no_statements', 'application_p90',
  'application_spread', 'statements_without_finish', 'no_past_day', 'never_reported', 'reporting_not_started', 'no_visit_short', 'no_visit_at_all',
  'longest_gap', 'visit_every_day', 'active_days',
] as const satisfies readonly EvidenceKey[];

/** One evidence line as stored (flags.evidence.items) and sent to the dashboard. */
export interface EvidenceItem {
  key: EvidenceKey;
  params: Record<string, string | number | null>;
}

/** Templates for every key, each given that key's parameters. */
export type EvidenceTemplates = { readonly [K in EvidenceKey]: (p: EvidenceParams[K]) => string };

export function evidenceItem<K extends EvidenceKey>(key: K, params: EvidenceParams[K]): EvidenceItem {
  return { key, params: { ...params } };
}

/** The template for an item, given its parameters (items come from JSON, so the key decides their shape). */
export function renderEvidence(templates: EvidenceTemplates, item: EvidenceItem): string {
  const template = templates[item.key] as (p: Record<string, string | number | null>) => string;
  return template(item.params);
}

const min = (m: number): string => `${m.toFixed(1)} min`;
const pct = (share: number): string => `${(share * 100).toFixed(1)} %`;
const seenEn = (s: Seen): string => (s === null ? 'not recorded' : s);

export const FACT_EN: Readonly<Record<InspectionFact, string>> = {
  bars: 'bars on windows or doors',
  bars_windows: 'bars on windows',
  bars_doors: 'bars on doors',
  perimeter: 'office inside the secured perimeter',
  phone: 'phone surrendered',
  questioning: 'questioned at the checkpoint',
};

/** The English lines, exactly as the CLI has always printed them. */
export const EVIDENCE_EN: EvidenceTemplates = {
  inspection: (p) => `inspection ${p.date}${p.inspector ? ` (${p.inspector})` : ''}: ${FACT_EN[p.fact]} ${seenEn(p.seen)}`,
  no_inspection: () => `no inspection on or before the period's end`,
  no_admitted_visits: () => 'no admitted visits in the period',
  pass_delay_p90: (p) => `p90 admission delay ${min(p.p90_min)} over ${p.visits} admitted visits (threshold ${p.threshold_min} min); max ${min(p.max_min)}`,
  pass_delay_share: (p) => `${p.over} of ${p.visits} admitted after more than ${p.threshold_min} min: ${pct(p.share)} (threshold ${pct(p.threshold_share)})`,
  not_admitted: (p) => `not_admitted: ${p.count} visits without an admission time, left out`,
  visits_share: (p) => `${FACT_EN[p.fact]}: ${p.yes} of ${p.known} visits where it was recorded, ${pct(p.share)} (threshold ${pct(p.threshold_share)})`,
  visits_unrecorded: (p) => `${FACT_EN[p.fact]}: not recorded for any visit`,
  visits_without_field: (p) => `${p.count} visits without the field, left out`,
  no_statements: () => 'no accepted statements with arrival and finish times',
  application_p90: (p) => `p90 application time ${min(p.p90_min)} over ${p.statements} accepted statements (threshold ${p.threshold_min} min)`,
  application_spread: (p) => `p50 ${min(p.p50_min)}, max ${min(p.max_min)}; standard ${STATEMENT_RANGE_TEXT} min`,
  statements_without_finish: (p) => `${p.count} accepted statements without a finish time, left out`,
  no_past_day: () => 'no past day in the period yet',
  never_reported: () => 'never reported: no visit ever received from this office',
  reporting_not_started: (p) => `reporting starts ${p.start} (first visit received), after this period`,
  no_visit_short: (p) => `no visit recorded in ${p.days} days`,
  // A period with no visit at all always has its gap; the fallback only keeps the old text's shape.
  no_visit_at_all: (p) => `no visit recorded at all in ${p.days} days (${p.from ?? 'undefined'} – ${p.to ?? 'undefined'})`,
  longest_gap: (p) => `longest gap ${p.days} days without any visit: ${p.from} – ${p.to}`,
  visit_every_day: () => 'a visit recorded every day',
  active_days: (p) => `visits recorded on ${p.active} of ${p.days} days`,
};

export function evidenceEn(item: EvidenceItem): string {
  return renderEvidence(EVIDENCE_EN, item);
}
