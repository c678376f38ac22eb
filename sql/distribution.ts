import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

/**
 * How the schema splits when one PostgreSQL is not enough (docs/scale.md). Fact tables hold rows
 * per office and grow with visits: they are distributed by office_code, so each of their primary
 * keys and unique indexes must include office_code (a distributed database can enforce a unique
 * index only within one shard).
 */
export const FACT_TABLES = [
  'visits', 'inspections', 'visit_hourly', 'office_daily', 'visit_category_totals', 'visit_hour_totals', 'duration_minutes',
  'category_corrections', 'file_coverage',
] as const;

/**
 * Tables with an office_code that are not distributed, and why. Everything else without an office
 * (registry, ingest log, users, thresholds) is a reference table or stays on the coordinator.
 */
export const COORDINATOR_TABLES: Readonly<Record<string, string>> = {
  flags: 'compliance workflow: a few rows per office, rule and month, updated by inspectors and joined by id (flag_actions)',
};

export interface UniqueIndex {
  table: string;
  index: string;
  primary: boolean;
  includesOffice: boolean;
}

/** Every primary key and unique index of the tables that have an office_code column, from pg_index. */
export async function officeTableUniqueIndexes(db: Kysely<Database>): Promise<UniqueIndex[]> {
  const r = await sql<UniqueIndex>`
    select t.relname as "table", i.relname as "index", x.indisprimary as "primary",
      a.attnum = any (x.indkey::int2[]) as "includesOffice"
    from pg_index x
    join pg_class i on i.oid = x.indexrelid
    join pg_class t on t.oid = x.indrelid
    join pg_namespace n on n.oid = t.relnamespace
    join pg_attribute a on a.attrelid = t.oid and a.attname = 'office_code' and not a.attisdropped
    where n.nspname = current_schema() and x.indisunique
    order by 1, 2`.execute(db);
  return r.rows;
}

/** The tables whose office_code is NOT NULL: per-office data, so either fact or coordinator tables. */
export async function tablesOwnedByOffice(db: Kysely<Database>): Promise<string[]> {
  const r = await sql<{ table: string }>`
    select t.relname as "table"
    from pg_attribute a
    join pg_class t on t.oid = a.attrelid
    join pg_namespace n on n.oid = t.relnamespace
    where n.nspname = current_schema() and t.relkind in ('r', 'p') and a.attname = 'office_code'
      and a.attnotnull and not a.attisdropped
    order by 1`.execute(db);
  return r.rows.map((row) => row.table);
}
