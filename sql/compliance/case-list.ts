import { sql, type Kysely } from 'kysely';
import { CASE_STATUSES, type CaseSort, type CaseStatus } from '../../domain/flag-workflow.ts';
import type { Rule } from '../../domain/rules.ts';
import type { Database } from '../schema.ts';
import type { FlagRow } from '../schema/compliance.ts';
import { monthStart } from '../../domain/calendar.ts';

/** The inspector's work list (contract §4: flags are cases): filter, sort, page. */
export interface CaseFilter {
  status?: readonly CaseStatus[] | undefined;
  offices?: readonly string[] | undefined;
  rule?: Rule | undefined;
  /** A case covering this month ('YYYY-MM-DD' first day). */
  month?: string | undefined;
  /** A case covering any month of the period [from, to) (Almaty days). */
  period?: { from: string; to: string } | undefined;
}


export interface CaseListOptions extends CaseFilter {
  /** Overdue cases always come first; then oldest first (age), nearest deadline first, or by office. */
  sort?: CaseSort | undefined;
  /** 1-based. */
  page?: number | undefined;
  pageSize?: number | undefined;
  /** Almaty day taken as today, for overdue. */
  today: string;
}

export interface CaseListRow extends FlagRow {
  months: string[];
  overdue: boolean;
}

export interface CaseList {
  cases: CaseListRow[];
  /** Cases matching the filter. */
  total: number;
  /** Cases matching every filter but the status, per status, and how many of them are overdue. */
  counts: Record<CaseStatus, number> & { overdue: number };
}

const ACTIVE = sql`status in ('open', 'confirmed')`;

type Where = ReturnType<typeof sql<boolean>>;

function conditions(f: CaseFilter, withStatus: boolean): Where {
  const parts: Where[] = [sql<boolean>`true`];
  if (withStatus && f.status?.length) parts.push(sql<boolean>`f.status = any(${[...f.status]}::text[])`);
  if (f.offices?.length) parts.push(sql<boolean>`f.office_code = any(${[...f.offices]}::text[])`);
  if (f.rule) parts.push(sql<boolean>`f.rule = ${f.rule}`);
  if (f.month) parts.push(sql<boolean>`exists (select 1 from flag_months m where m.flag_id = f.id and m.month = ${monthStart(f.month)}::date)`);
  if (f.period) {
    parts.push(sql<boolean>`exists (select 1 from flag_months m where m.flag_id = f.id
      and m.month >= ${monthStart(f.period.from)}::date and m.month < ${f.period.to}::date)`);
  }
  return sql.join(parts, sql` and `) as Where;
}

/** One page of cases, with the months each covers and the counts per status. */
export async function listCases(db: Kysely<Database>, o: CaseListOptions): Promise<CaseList> {
  const pageSize = o.pageSize ?? 25;
  const offset = ((o.page ?? 1) - 1) * pageSize;
  const overdue = sql`(${ACTIVE} and f.deadline is not null and f.deadline < ${o.today}::date)`;
  const order = o.sort === 'deadline' ? sql`f.deadline asc nulls last, f.opened_at, f.id`
    : o.sort === 'office' ? sql`f.office_code, f.rule, f.month desc, f.id`
      : sql`f.opened_at, f.id`;
  const [rows, counts] = await Promise.all([
    sql<FlagRow & { overdue: boolean; total: number }>`
      select f.*, ${overdue} as overdue, count(*) over ()::int as total from flags f
      where ${conditions(o, true)}
      order by ${overdue} desc, ${order} limit ${pageSize} offset ${offset}`.execute(db),
    sql<{ status: CaseStatus; n: number; overdue: number }>`
      select f.status, count(*)::int as n, count(*) filter (where ${overdue})::int as overdue from flags f
      where ${conditions(o, false)} group by f.status`.execute(db),
  ]);
  const ids = rows.rows.map((r) => r.id);
  const months = ids.length
    ? await db.selectFrom('flag_months').select(['flag_id', 'month']).where('flag_id', 'in', ids).orderBy('month').execute()
    : [];
  const byCase = new Map<string, string[]>();
  for (const m of months) byCase.set(m.flag_id, [...(byCase.get(m.flag_id) ?? []), m.month]);
  const total = rows.rows[0]?.total ?? (offset > 0 ? await countCases(db, o) : 0);
  const out: CaseList['counts'] = { open: 0, confirmed: 0, dismissed: 0, resolved: 0, overdue: 0 };
  for (const c of counts.rows) { out[c.status] = c.n; out.overdue += c.overdue; }
  return {
    cases: rows.rows.map(({ total: _t, ...r }) => ({ ...r, months: byCase.get(r.id) ?? [] })),
    total, counts: out,
  };
}

async function countCases(db: Kysely<Database>, f: CaseFilter): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from flags f where ${conditions(f, true)}`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** Every case matching the filter, in the list's order (the CLI and the export). */
export async function listAllCases(db: Kysely<Database>, o: Omit<CaseListOptions, 'page' | 'pageSize'>): Promise<CaseListRow[]> {
  return (await listCases(db, { ...o, page: 1, pageSize: 100_000 })).cases;
}

/** The case of an office and rule that covers a month: the one being worked first, else the latest. */
export async function findCaseCovering(db: Kysely<Database>, office: string, rule: Rule, month: string): Promise<FlagRow | undefined> {
  const r = await sql<FlagRow>`
    select f.* from flags f join flag_months m on m.flag_id = f.id
    where f.office_code = ${office} and f.rule = ${rule} and m.month = ${monthStart(month)}::date
    order by ${ACTIVE} desc, f.opened_at desc limit 1`.execute(db);
  return r.rows[0];
}

/** A case's months with each month's evidence, in order. */
export function getCaseMonths(db: Kysely<Database>, flagId: string | number) {
  return db.selectFrom('flag_months').select(['month', 'evidence']).where('flag_id', '=', String(flagId)).orderBy('month').execute();
}

export { CASE_STATUSES };
