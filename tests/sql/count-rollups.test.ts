import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reclassifyVisits } from '../../etl/classify/reclassify.ts';
import { listMigrations } from '../../sql/migrate.ts';
import { freshDatabase, type TestDatabase } from '../helpers/db.ts';
import { seedVisits } from '../server/seed-visits.ts';

/**
 * visit_category_totals and visit_hour_totals must equal visit_hourly summed per day, dekad, calendar
 * month and calendar year, and the category totals per ISO week too (plain GROUP BYs, not the
 * migration's fan-out).
 * Returns the keys that differ; a unit whose hourly rows are all gone may stay as zeros.
 */
async function mismatches(t: TestDatabase): Promise<unknown[]> {
  const categories = await sql`
    with h as (
      select office_code, 'day' as unit, day as start, category, sum(visits)::int as visits, sum(admitted)::int as admitted,
        sum(statements)::int as statements from visit_hourly group by 1, 2, 3, 4
      union all
      select office_code, 'dekad', make_date(extract(year from day)::int, extract(month from day)::int, case when extract(day from day) <= 10 then 1 when extract(day from day) <= 20 then 11 else 21 end), category, sum(visits)::int, sum(admitted)::int,
        sum(statements)::int from visit_hourly group by 1, 2, 3, 4
      union all
      select office_code, 'week', date_trunc('week', day::timestamp)::date, category, sum(visits)::int, sum(admitted)::int,
        sum(statements)::int from visit_hourly group by 1, 2, 3, 4
      union all
      select office_code, 'month', date_trunc('month', day)::date, category, sum(visits)::int, sum(admitted)::int,
        sum(statements)::int from visit_hourly group by 1, 2, 3, 4
      union all
      select office_code, 'year', make_date(extract(year from day)::int, 1, 1), category, sum(visits)::int, sum(admitted)::int,
        sum(statements)::int from visit_hourly group by 1, 2, 3, 4)
    select 'category' as t, office_code, unit, start, category from h full join visit_category_totals c using (office_code, unit, start, category)
    where array[h.visits, h.admitted, h.statements] is distinct from array[c.visits, c.admitted, c.statements]
      and not (h.office_code is null and c.visits = 0 and c.admitted = 0 and c.statements = 0)`.execute(t.db);
  const hours = await sql`
    with h as (
      select office_code, 'day' as unit, day as start, extract(isodow from day)::int as isodow, hour::int as hour,
        sum(visits)::int as visits from visit_hourly group by 1, 2, 3, 4, 5
      union all
      select office_code, 'dekad', make_date(extract(year from day)::int, extract(month from day)::int, case when extract(day from day) <= 10 then 1 when extract(day from day) <= 20 then 11 else 21 end), extract(isodow from day)::int, hour, sum(visits)::int
      from visit_hourly group by 1, 2, 3, 4, 5
      union all
      select office_code, 'month', date_trunc('month', day)::date, extract(isodow from day)::int, hour, sum(visits)::int
      from visit_hourly group by 1, 2, 3, 4, 5
      union all
      select office_code, 'year', make_date(extract(year from day)::int, 1, 1), extract(isodow from day)::int, hour, sum(visits)::int
      from visit_hourly group by 1, 2, 3, 4, 5)
    select 'hour' as t, office_code, unit, start, isodow, hour
    from h full join (select office_code, unit, start, isodow::int as isodow, hour::int as hour, visits from visit_hour_totals) x
      using (office_code, unit, start, isodow, hour)
    where h.visits is distinct from x.visits and not (h.office_code is null and x.visits = 0)`.execute(t.db);
  return [...categories.rows, ...hours.rows];
}

describe('count rollups follow visit_hourly at day, dekad, month and year', () => {
  let t: TestDatabase;
  beforeAll(async () => { t = await freshDatabase(); });
  afterAll(async () => { await t?.close(); });

  it('add an ingested file, across a year boundary', async () => {
    await seedVisits(t.db, { offices: ['SRK', 'TDK', 'KEG'], from: '2023-12-10', days: 40, seed: 3 });
    expect(await mismatches(t)).toEqual([]);
    const years = await sql<{ start: string }>`select distinct start from visit_category_totals where unit = 'year' order by 1`.execute(t.db);
    expect(years.rows.map((r) => r.start)).toEqual(['2023-01-01', '2024-01-01']);
  });

  it('add a second file over the same days (the upsert updates existing hourly rows)', async () => {
    await seedVisits(t.db, { offices: ['SRK', 'AKS'], from: '2023-12-25', days: 15, seed: 11 });
    expect(await mismatches(t)).toEqual([]);
  });

  it('follow a reclassification that moves visits between categories', async () => {
    const before = await sql<{ n: number }>`select sum(visits)::int as n from visit_hour_totals where unit = 'year'`.execute(t.db);
    const report = await reclassifyVisits(t, {
      version: 'topics-test.counts', batchSize: 200,
      classify: (text) => ({ category: text.endsWith('1') ? 'theft' : 'consultation', confidence: 0.5, terms: [] }),
    });
    expect(report.changed).toBeGreaterThan(0);
    expect(await mismatches(t)).toEqual([]);
    const theft = await sql<{ n: number }>`select sum(visits)::int as n from visit_category_totals where unit = 'year' and category = 'theft'`.execute(t.db);
    const raw = await sql<{ n: number }>`select count(*)::int as n from visits where category = 'theft'`.execute(t.db);
    expect(theft.rows[0]?.n).toBe(raw.rows[0]?.n);
    // The heatmap does not depend on the category: hour totals are back where they were.
    const after = await sql<{ n: number }>`select sum(visits)::int as n from visit_hour_totals where unit = 'year'`.execute(t.db);
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  });

  it('subtract rows deleted from visit_hourly', async () => {
    await sql`delete from visit_hourly where day in ('2023-12-31', '2024-01-01') and office_code = 'SRK'`.execute(t.db);
    expect(await mismatches(t)).toEqual([]);
  });

  it('are rebuilt by the migration from what visit_hourly holds', async () => {
    const snapshot = async () => ({
      categories: (await sql`select * from visit_category_totals where visits <> 0 or admitted <> 0 or statements <> 0
        order by office_code, unit, start, category`.execute(t.db)).rows,
      hours: (await sql`select * from visit_hour_totals where visits <> 0 order by office_code, unit, start, isodow, hour`.execute(t.db)).rows,
    });
    const before = await snapshot();
    // 0006 makes and fills the tables; 0014 defines its trigger function again with dekad_start.
    const migrations = listMigrations().filter((m) => m.name === 'count_rollups' || m.name === 'dekad_start');
    expect(migrations.map((m) => m.version)).toEqual(['0006', '0014']);
    await t.transaction(async (tx) => {
      await sql`drop table visit_category_totals, visit_hour_totals`.execute(tx);
      await sql`drop function count_totals_follow, count_totals_clear cascade`.execute(tx);
      for (const m of migrations) await sql.raw(m.sql).execute(tx);
    });
    expect(await mismatches(t)).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('are emptied with visit_hourly and refilled by the next load', async () => {
    await sql`truncate visit_hourly`.execute(t.db);
    expect((await sql`select 1 from visit_category_totals union all select 1 from visit_hour_totals`.execute(t.db)).rows).toEqual([]);
    await seedVisits(t.db, { offices: ['ALK'], from: '2024-02-27', days: 5 });
    expect(await mismatches(t)).toEqual([]);
  });
});
