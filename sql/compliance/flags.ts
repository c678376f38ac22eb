import { sql, type Kysely } from 'kysely';
import type { EvidenceItem } from '../domain/evidence.ts';
import type { Rule, RuleStatus } from '../domain/rules.ts';
import type { Database } from '../schema.ts';
import type { FlagActionKind, FlagStatus } from '../schema/compliance.ts';
import { judgeOffices, type OfficeVerdicts } from './evaluate.ts';
import { recordEvaluation } from './evaluations.ts';
import { getExampleVisits, type ExampleVisit } from './examples.ts';
import { almatyToday, monthPeriod } from './period.ts';
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
  /** Identifies the data behind the verdict: a resolved flag reopens only when this changes. */
  fingerprint: string;
}

export interface FlagRefresh {
  month: string;
  evaluationId: string;
  opened: number;
  reopened: number;
  updated: number;
  kept: number;
}

function fingerprint(v: RuleVerdict): string {
  return JSON.stringify([v.value, v.share ?? null, v.basis]);
}

/** Runs one statement that changes a flag and appends its audit row together (no caller transaction needed). */
async function insertFlag(db: Kysely<Database>, office: string, rule: Rule, month: string, evidence: FlagEvidence,
  evaluationId: string, actor: string): Promise<boolean> {
  const r = await sql<{ flag_id: string }>`
    with f as (
      insert into flags (office_code, rule, month, evidence, evaluation_id)
      values (${office}, ${rule}, ${month}::date, ${JSON.stringify(evidence)}::jsonb, ${evaluationId}::bigint)
      on conflict (office_code, rule, month) do nothing returning id)
    insert into flag_actions (flag_id, actor, action, note)
    select id, ${actor}, 'open', ${evidence.lines[0] ?? null} from f returning flag_id`.execute(db);
  return r.rows.length > 0;
}

async function updateFlag(db: Kysely<Database>, id: string, from: FlagStatus, to: FlagStatus, action: FlagActionKind,
  evidence: FlagEvidence, evaluationId: string, actor: string): Promise<boolean> {
  const r = await sql<{ flag_id: string }>`
    with f as (
      update flags set status = ${to}, evidence = ${JSON.stringify(evidence)}::jsonb, evaluation_id = ${evaluationId}::bigint,
        updated_at = now()
      where id = ${id}::bigint and status = ${from} returning id)
    insert into flag_actions (flag_id, actor, action, note)
    select id, ${actor}, ${action}, ${evidence.lines[0] ?? null} from f returning flag_id`.execute(db);
  return r.rows.length > 0;
}

/**
 * Opens, keeps or reopens the flags of one calendar month from its verdicts. A breach without a
 * flag opens one; an open or confirmed flag gets the new evidence; a resolved flag whose breach
 * is seen again on changed data reopens; a dismissed flag stays dismissed. Never duplicates.
 */
export async function applyMonthVerdicts(
  db: Kysely<Database>, month: string, offices: readonly OfficeVerdicts[], thresholds: Thresholds, evaluationId: string, actor: string,
): Promise<FlagRefresh> {
  const period = monthPeriod(month);
  const existing = await db.selectFrom('flags').select(['id', 'office_code', 'rule', 'status', 'evidence'])
    .where('month', '=', period.from).execute();
  const byKey = new Map(existing.map((f) => [`${f.office_code}/${f.rule}`, f]));
  const out: FlagRefresh = { month: period.from, evaluationId, opened: 0, reopened: 0, updated: 0, kept: 0 };
  for (const o of offices) {
    for (const v of o.rules) {
      if (v.status !== 'breach') continue;
      const flag = byKey.get(`${o.office}/${v.rule}`);
      const print = fingerprint(v);
      const old = flag?.evidence as Partial<FlagEvidence> | undefined;
      if (flag && old?.fingerprint === print) { out.kept += 1; continue; }
      const evidence: FlagEvidence = {
        status: v.status, value: v.value, threshold: v.threshold, lines: v.evidence, items: v.evidence_items, basis: v.basis,
        examples: await getExampleVisits(db, o.office, v.rule, period), thresholds, fingerprint: print,
        ...(v.share !== undefined ? { share: v.share } : {}), ...(v.small_sample ? { small_sample: true as const } : {}),
      };
      if (!flag) {
        if (await insertFlag(db, o.office, v.rule, period.from, evidence, evaluationId, actor)) out.opened += 1;
        else out.kept += 1; // opened concurrently by another evaluation
      } else if (flag.status === 'resolved') {
        if (await updateFlag(db, flag.id, 'resolved', 'open', 'reopen', evidence, evaluationId, actor)) out.reopened += 1;
      } else if (await updateFlag(db, flag.id, flag.status, flag.status, 'update_evidence', evidence, evaluationId, actor)) {
        out.updated += 1;
      }
    }
  }
  return out;
}

/**
 * Re-evaluates whole calendar months (Almaty) for all offices and keeps their flags; the ingest
 * pipeline calls this with the months a load touched. Months are 'YYYY-MM' or 'YYYY-MM-DD'.
 */
export async function refreshFlagsForMonths(
  db: Kysely<Database>, months: string[], actor: string, opts: { today?: string } = {},
): Promise<FlagRefresh[]> {
  const unique = [...new Set(months.map((m) => monthPeriod(m).from))].sort();
  const today = opts.today ?? almatyToday();
  const results: FlagRefresh[] = [];
  for (const month of unique) {
    const period = monthPeriod(month);
    if (period.from > today) continue; // a month that has not begun has nothing to judge
    const judged = await judgeOffices(db, { ...period, today });
    const evaluationId = await recordEvaluation(db, { actor, period, thresholds: judged.thresholds, flagsMonth: month });
    results.push(await applyMonthVerdicts(db, month, judged.offices, judged.thresholds, evaluationId, actor));
  }
  return results;
}
