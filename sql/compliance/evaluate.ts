import type { Kysely } from 'kysely';
import type { EvidenceItem } from '../../domain/evidence.ts';
import type { Rule, RuleStatus } from '../../domain/rules.ts';
import { oneOffMemo, type UnitMemo } from '../cover/unit-memo.ts';
import type { Database } from '../schema.ts';
import { getDurationStats } from './durations.ts';
import { getLatestInspections } from './inspections.ts';
import { almatyToday, isCalendarDate, type Period } from '../../domain/calendar.ts';
import { judgeOffice, type RuleVerdict } from './rules.ts';
import { getThresholds, type Thresholds } from './thresholds.ts';
import { getReportingGaps, getReportingStarts, getVisitCounts } from './visit-counts.ts';

export interface ComplianceOptions extends Period {
  /** Office codes; all offices of the registry when absent. */
  offices?: string[] | undefined;
  /** Almaty calendar day taken as today (tests); the real one when absent. */
  today?: string | undefined;
  /** Also give each rule its evidence_items (the dashboard); the CLI's JSON (§5) leaves them out. */
  items?: boolean | undefined;
  /** The server's memo of rollup units (sql/cover/unit-memo.ts); a one-off read when absent. */
  units?: UnitMemo | undefined;
}

/** One rule in the contract's JSON (§5). */
export interface RuleResult {
  rule: Rule;
  status: RuleStatus;
  value: number | null;
  threshold: number;
  evidence: string[];
  small_sample?: true;
  share?: number | null;
  /** Only when asked for (ComplianceOptions.items): the evidence as keys and parameters. */
  evidence_items?: EvidenceItem[];
}

/** Exactly the JSON `vitrina compliance --json` prints. */
export interface ComplianceReport {
  offices: { office: string; rules: RuleResult[] }[];
}

export interface OfficeVerdicts {
  office: string;
  rules: RuleVerdict[];
}

export class ComplianceInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ComplianceInputError';
  }
}

/** Validates the period and office codes; returns the offices to evaluate, in code order. */
async function resolveOffices(db: Kysely<Database>, opts: ComplianceOptions): Promise<string[]> {
  for (const [name, day] of [['from', opts.from], ['to', opts.to]] as const) {
    if (!isCalendarDate(day)) throw new ComplianceInputError(`--${name} must be a date YYYY-MM-DD, got "${day}"`);
  }
  if (opts.to <= opts.from) throw new ComplianceInputError(`--to (${opts.to}) must be after --from (${opts.from})`);
  const rows = await db.selectFrom('offices').select('code').orderBy('code').execute();
  const all = rows.map((r) => r.code);
  if (!opts.offices) return all;
  const unknown = opts.offices.filter((o) => !all.includes(o));
  if (unknown.length) throw new ComplianceInputError(`unknown office ${unknown.join(', ')}; expected a code such as SRK`);
  return all.filter((o) => opts.offices?.includes(o));
}

/** Every rule for every office over [from, to), with what each verdict rests on (flags keep that). */
export async function judgeOffices(
  db: Kysely<Database>, opts: ComplianceOptions, given?: Thresholds,
): Promise<{ thresholds: Thresholds; offices: OfficeVerdicts[] }> {
  // One memo for every read below: the day units and the minute histograms are read once between them,
  // the thresholds and reporting starts once per data version (the server's, across requests, when given).
  const units = opts.units ?? oneOffMemo(db);
  const [offices, thresholds] = await Promise.all([resolveOffices(db, opts), given ?? getThresholds(db, units)]);
  const period = { from: opts.from, to: opts.to };
  const today = opts.today ?? almatyToday();
  const reportingEnd = today < period.to ? today : period.to;
  const [starts, counts, delays, applications, inspections, gaps] = await Promise.all([
    getReportingStarts(db, units),
    getVisitCounts(db, period, offices, units),
    getDurationStats(db, period, 'admission_delay', thresholds.pass_delay_minutes * 60, offices, units),
    getDurationStats(db, period, 'application_time', thresholds.application_time_minutes * 60, offices, units),
    getLatestInspections(db, period.to, offices, units),
    getReportingGaps(db, period.from, reportingEnd, offices, units),
  ]);
  const byOffice = <T extends { office: string }>(rows: T[]): Map<string, T> => new Map(rows.map((r) => [r.office, r]));
  const [c, d, a, g] = [byOffice(counts), byOffice(delays), byOffice(applications), byOffice(gaps)];
  return {
    thresholds,
    offices: offices.map((office) => ({
      office,
      rules: judgeOffice({
        office, reportingEnd, reportingStart: starts.get(office) ?? null, counts: c.get(office) ?? null, delay: d.get(office) ?? null,
        application: a.get(office) ?? null, inspection: inspections.get(office) ?? null, reporting: g.get(office) ?? null,
      }, thresholds),
    })),
  };
}

/** The contract's shape of one verdict, keys in a fixed order. */
export function toRuleResult(v: RuleVerdict): RuleResult {
  const out: RuleResult = { rule: v.rule, status: v.status, value: v.value, threshold: v.threshold, evidence: v.evidence };
  if (v.small_sample) out.small_sample = true;
  if (v.share !== undefined) out.share = v.share;
  return out;
}

/** The dashboard's shape: the contract's, plus the evidence as keys and parameters. */
export function toRuleResultWithItems(v: RuleVerdict): RuleResult {
  return { ...toRuleResult(v), evidence_items: v.evidence_items };
}

/** `vitrina compliance`: every rule for every office over [from, to) (Almaty days). Reads only. */
export async function evaluateCompliance(db: Kysely<Database>, opts: ComplianceOptions): Promise<ComplianceReport> {
  const judged = await judgeOffices(db, opts);
  return { offices: judged.offices.map((o) => ({ office: o.office, rules: o.rules.map(opts.items ? toRuleResultWithItems : toRuleResult) })) };
}
