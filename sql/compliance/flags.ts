import { sql, type Kysely } from 'kysely';
import type { EvidenceItem } from '../../domain/evidence.ts';
import type { Rule, RuleStatus } from '../../domain/rules.ts';
import type { Database } from '../schema.ts';
import type { FlagStatus } from '../schema/compliance.ts';
import { oneOffMemo } from '../cover/unit-memo.ts';
import { judgeOffices, type OfficeVerdicts } from './evaluate.ts';
import { recordEvaluation } from './evaluations.ts';
import { getExampleVisits, type ExampleVisit, type KnownExamples } from './examples.ts';
import { addDays, almatyToday, monthPeriod, type Period } from '../../domain/calendar.ts';
import type { RuleVerdict, VerdictBasis } from './rules.ts';
import type { Thresholds } from './thresholds.ts';

/** What a flag carries (flags.evidence): enough for the inspector to check the breach without a query. */
export interface FlagEvidence {
  status: RuleStatus;
  value: number | null;
  threshold: number;
  share?: number | null;
  small_sample?: true;
  lines: string[];
  /** The lines as keys and parameters (flags stored before these existed have none). */
  items?: EvidenceItem[];
  basis: VerdictBasis;
  examples: ExampleVisit[];
  thresholds: Thresholds;
  /** Identifies the data behind the verdict: a month's evidence is rewritten only when this changes. */
  fingerprint: string;
}

export interface FlagRefresh {
  month: string;
  evaluationId: string;
  /** Cases opened by this month's breaches. */
  opened: number;
  /** The month added to a case already being worked. */
  added: number;
  /** The month's evidence changed in a case that already covered it. */
  updated: number;
  kept: number;
  /** Breaches resting only on evidence not newer than a closed case: they open nothing. */
  held: number;
  /** Breaches whose examples the load had picked while parsing (no month of visits read again). */
  examplesFromLoad: number;
}

function fingerprint(v: RuleVerdict): string {
  return JSON.stringify([v.value, v.share ?? null, v.basis]);
}

/** The items a system entry of the audit trail states: the finding itself (delay: p90 and the share). */
function findingItems(v: RuleVerdict): EvidenceItem[] {
  return v.rule === 'no_pass_delay' ? v.evidence_items.slice(0, 2) : v.evidence_items.slice(0, 1);
}

const INSPECTION_ONLY: ReadonlySet<Rule> = new Set(['no_bars', 'accessible_location']);
const VISITS_ONLY: ReadonlySet<Rule> = new Set(['no_pass_delay', 'application_time', 'reporting']);

/** The breach rests on the inspection, which was made after `day`. */
function inspectionNewer(v: RuleVerdict, day: string): boolean {
  const i = v.basis.inspection;
  return Boolean(i && i.date > day && v.evidence_items.some((e) => e.key === 'inspection' && e.params.seen === 'yes'));
}

/** The visits alone breach the rule (the mixed rules' share over the threshold). */
function visitsBreach(v: RuleVerdict): boolean {
  if (VISITS_ONLY.has(v.rule)) return v.status === 'breach';
  return v.status === 'breach' && (v.basis.visits ?? 0) > 0 && v.value !== null && v.value > v.threshold;
}

/**
 * Contract §4: after a case is closed on `closedOn`, only evidence newer than that day opens a new
 * one: a later inspection, or visits after it. For the month the fix was seen in, `after` is the
 * verdict over the days after that day alone.
 */
export function isNewerEvidence(v: RuleVerdict, month: string, closedOn: string, after: RuleVerdict | null): boolean {
  if (inspectionNewer(v, closedOn)) return true;
  if (INSPECTION_ONLY.has(v.rule)) return false;
  if (month > closedOn) return visitsBreach(v);
  return after !== null && visitsBreach(after);
}

interface CaseRow {
  id: string;
  office_code: string;
  rule: Rule;
  status: FlagStatus;
  closed_on: string | null;
}

/** Per office and rule: the case being worked, and the latest day a closed case was closed. */
async function caseState(db: Kysely<Database>): Promise<Map<string, { active: CaseRow | null; closedOn: string | null }>> {
  const rows: CaseRow[] = await db.selectFrom('flags').select(['id', 'office_code', 'rule', 'status', 'closed_on']).execute();
  const out = new Map<string, { active: CaseRow | null; closedOn: string | null }>();
  for (const r of rows) {
    const key = `${r.office_code}/${r.rule}`;
    const s = out.get(key) ?? { active: null, closedOn: null };
    if (r.status === 'open' || r.status === 'confirmed') s.active = r;
    else if (r.closed_on && (!s.closedOn || r.closed_on > s.closedOn)) s.closedOn = r.closed_on;
    out.set(key, s);
  }
  return out;
}

/** Opens a case with its first month, and its audit entry, in one statement; null when one was opened concurrently. */
async function openCase(db: Kysely<Database>, office: string, v: RuleVerdict, month: string, evidence: FlagEvidence,
  evaluationId: string, actor: string): Promise<string | null> {
  const json = JSON.stringify(evidence);
  const r = await sql<{ flag_id: string }>`
    with f as (
      insert into flags (office_code, rule, month, last_month, evidence, evaluation_id)
      values (${office}, ${v.rule}, ${month}::date, ${month}::date, ${json}::jsonb, ${evaluationId}::bigint)
      on conflict (office_code, rule) where status in ('open', 'confirmed') do nothing returning id
    ), m as (
      insert into flag_months (flag_id, month, evidence, evaluation_id)
      select id, ${month}::date, ${json}::jsonb, ${evaluationId}::bigint from f
    )
    insert into flag_actions (flag_id, actor, action, note, month, items)
    select id, ${actor}, 'open', ${evidence.lines[0] ?? null}, ${month}::date, ${JSON.stringify(findingItems(v))}::jsonb from f
    returning flag_id`.execute(db);
  return r.rows[0]?.flag_id ?? null;
}

/** Adds a month to a case, or brings the month's evidence up to date; the case shows its latest month's evidence. */
async function putMonth(db: Kysely<Database>, id: string, v: RuleVerdict, month: string, evidence: FlagEvidence,
  evaluationId: string, actor: string, action: 'add_month' | 'update_evidence'): Promise<void> {
  const json = JSON.stringify(evidence);
  await sql`
    with m as (
      insert into flag_months (flag_id, month, evidence, evaluation_id) values (${id}::bigint, ${month}::date, ${json}::jsonb, ${evaluationId}::bigint)
      on conflict (flag_id, month) do update set evidence = excluded.evidence, evaluation_id = excluded.evaluation_id, updated_at = now()
    ), f as (
      update flags set updated_at = now(), month = least(month, ${month}::date), last_month = greatest(last_month, ${month}::date),
        evidence = case when ${month}::date >= last_month then ${json}::jsonb else evidence end,
        evaluation_id = case when ${month}::date >= last_month then ${evaluationId}::bigint else evaluation_id end
      where id = ${id}::bigint
    )
    insert into flag_actions (flag_id, actor, action, note, month, items)
    values (${id}::bigint, ${actor}, ${action}, ${evidence.lines[0] ?? null}, ${month}::date, ${JSON.stringify(findingItems(v))}::jsonb)`.execute(db);
}

/**
 * Applies one calendar month's verdicts to the cases (contract §4): a breach joins the office's
 * case for the rule that is being worked, or opens one when none is; after a closed case only
 * evidence newer than its closing day opens the next. `ok` and `no_data` months close nothing.
 */
export async function applyMonthVerdicts(
  db: Kysely<Database>, month: string, offices: readonly OfficeVerdicts[], thresholds: Thresholds, evaluationId: string, actor: string,
  opts: { today?: string | undefined; knownExamples?: KnownExamples | undefined } = {},
): Promise<FlagRefresh> {
  const period = monthPeriod(month);
  const state = await caseState(db);
  const covered = await db.selectFrom('flag_months').innerJoin('flags', 'flags.id', 'flag_months.flag_id')
    .select(['flag_months.flag_id', 'flag_months.evidence']).where('flag_months.month', '=', period.from)
    .where('flags.status', 'in', ['open', 'confirmed']).execute();
  const coveredBy = new Map(covered.map((c) => [c.flag_id, c.evidence as Partial<FlagEvidence>]));
  const afterCache = new Map<string, Map<string, RuleVerdict[]>>();
  /** The verdicts of the days after `day` in this month, per office (the month the fix was seen in). */
  const verdictsAfter = async (office: string, day: string): Promise<RuleVerdict[] | null> => {
    const from = addDays(day, 1);
    if (from >= period.to) return null;
    let byOffice = afterCache.get(from);
    if (!byOffice) {
      const judged = await judgeOffices(db, { from, to: period.to, today: opts.today }, thresholds);
      byOffice = new Map(judged.offices.map((o) => [o.office, o.rules]));
      afterCache.set(from, byOffice);
    }
    return byOffice.get(office) ?? null;
  };
  const out: FlagRefresh = { month: period.from, evaluationId, opened: 0, added: 0, updated: 0, kept: 0, held: 0, examplesFromLoad: 0 };
  // Which breaches need their evidence written: decided first, since each office and rule is one
  // case and appears once in a month. Their example visits are then read side by side (each reads
  // a month of an office's visits: on a server, two at a time use both cores), and written in order.
  const writes: { office: string; v: RuleVerdict; print: string; active: CaseRow | null; closedOn: string | null; existing: boolean }[] = [];
  for (const o of offices) {
    for (const v of o.rules) {
      if (v.status !== 'breach') continue;
      const s = state.get(`${o.office}/${v.rule}`) ?? { active: null, closedOn: null };
      const print = fingerprint(v);
      const existing = s.active ? coveredBy.get(s.active.id) : undefined;
      if (existing?.fingerprint === print) { out.kept += 1; continue; }
      if (!s.active && s.closedOn) {
        const after = period.from <= s.closedOn ? (await verdictsAfter(o.office, s.closedOn))?.find((x) => x.rule === v.rule) ?? null : null;
        if (!isNewerEvidence(v, period.from, s.closedOn, after)) { out.held += 1; continue; }
      }
      writes.push({ office: o.office, v, print, active: s.active, closedOn: s.closedOn, existing: existing !== undefined });
    }
  }
  // Only a breach whose evidence is written needs examples: most months of a load need none.
  const known = writes.length > 0 ? await knownForMonth(db, period, opts.knownExamples) : new Map<string, KnownForOffice>();
  const examples = await mapInTurns(writes, READS_IN_FLIGHT,
    async (w) => {
      const picked = known.get(w.office)?.[w.v.rule];
      if (picked) out.examplesFromLoad++;
      return picked ?? getExampleVisits(db, w.office, w.v.rule, period);
    });
  for (const [i, { office, v, print, active, closedOn, existing }] of writes.entries()) {
    const evidence: FlagEvidence = {
      status: v.status, value: v.value, threshold: v.threshold, lines: v.evidence, items: v.evidence_items, basis: v.basis,
      examples: examples[i]!, thresholds, fingerprint: print,
      ...(v.share !== undefined ? { share: v.share } : {}), ...(v.small_sample ? { small_sample: true as const } : {}),
    };
    if (active) {
      await putMonth(db, active.id, v, period.from, evidence, evaluationId, actor, existing ? 'update_evidence' : 'add_month');
      if (existing) out.updated += 1; else out.added += 1;
      continue;
    }
    const id = await openCase(db, office, v, period.from, evidence, evaluationId, actor);
    if (id) {
      out.opened += 1;
      state.set(`${office}/${v.rule}`, { active: { id, office_code: office, rule: v.rule, status: 'open', closed_on: null }, closedOn });
    } else out.kept += 1; // opened concurrently by another evaluation
  }
  return out;
}

/** One office's examples picked while parsing, per rule. */
type KnownForOffice = Partial<Record<Rule, ExampleVisit[]>>;

/**
 * The examples a load picked while parsing (examples.ts), per office, for the offices whose month
 * holds no visit but that load's: the month's stored count (office_daily) equals the count the load
 * stored there. Otherwise the month also holds other visits, and the query reads them all.
 */
async function knownForMonth(db: Kysely<Database>, period: Period, known: KnownExamples | undefined): Promise<Map<string, KnownForOffice>> {
  const out = new Map<string, KnownForOffice>();
  if (!known || known.size === 0) return out;
  const candidates = [...known].filter(([key]) => key.endsWith(`\t${period.from}`));
  if (candidates.length === 0) return out;
  const offices = candidates.map(([key]) => key.slice(0, key.indexOf('\t')));
  const stored = await db.selectFrom('office_daily').select(['office_code', sql<number>`sum(visits)::int`.as('visits')])
    .where('office_code', 'in', offices).where('day', '>=', period.from).where('day', '<', period.to)
    .groupBy('office_code').execute();
  const count = new Map(stored.map((r) => [r.office_code, r.visits]));
  for (const [i, [, entry]] of candidates.entries()) {
    if (count.get(offices[i]!) === entry.visits) out.set(offices[i]!, entry.examples);
  }
  return out;
}

/**
 * Reads in flight at once (a month's verdicts, an office's examples): the server has two cores, and
 * each read keeps one busy.
 */
const READS_IN_FLIGHT = 2;

/** fn over items with at most `limit` calls in flight; results in the items' order. */
async function mapInTurns<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Re-evaluates whole calendar months (Almaty) for all offices and keeps their cases; the ingest
 * pipeline calls this with the months a load touched, oldest first, so a case grows in order.
 * Months are 'YYYY-MM' or 'YYYY-MM-DD'.
 */
export async function refreshFlagsForMonths(
  db: Kysely<Database>, months: string[], actor: string, opts: { today?: string; knownExamples?: KnownExamples } = {},
): Promise<FlagRefresh[]> {
  const today = opts.today ?? almatyToday();
  // A month that has not begun has nothing to judge.
  const unique = [...new Set(months.map((m) => monthPeriod(m).from))].sort().filter((m) => m <= today);
  // The verdicts only read the rollups: read side by side (a load of three years touches 36 months),
  // then applied one month after another, since a case grows in order. One memo for all of them: the
  // thresholds and reporting starts are read once, not once a month.
  const units = oneOffMemo(db);
  const verdicts = await mapInTurns(unique, READS_IN_FLIGHT, (month) => judgeOffices(db, { ...monthPeriod(month), today, units }));
  const results: FlagRefresh[] = [];
  for (const [i, month] of unique.entries()) {
    const period = monthPeriod(month);
    const judged = verdicts[i]!;
    const evaluationId = await recordEvaluation(db, { actor, period, thresholds: judged.thresholds, flagsMonth: month });
    results.push(await applyMonthVerdicts(db, month, judged.offices, judged.thresholds, evaluationId, actor, { today, knownExamples: opts.knownExamples }));
  }
  return results;
}
