import { sql, type Insertable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../domain/calendar.ts';
import { createRng } from '../../etl/demo/prng.ts';
import { createUnitMemo } from '../../sql/cover/unit-memo.ts';
import type { VisitHourlyTable } from '../../sql/schema/rollups.ts';
import { getReportingGaps, getVisitCounts, type ReportingGap, type VisitCounts } from '../../sql/compliance/visit-counts.ts';
import { freshDatabase, type TestDatabase } from '../helpers/db.ts';

/**
 * The compliance rules' visit counts and the reporting rule's gaps (contract §4) are summed in
 * TypeScript over office_daily's day units. The oracles below are the SQL that computed them until
 * December 2026, kept here as independent statements of the same sums: a GROUP BY over the period's
 * days, and window functions over the active days with sentinels at both edges.
 */
async function countsBySql(t: TestDatabase, from: string, to: string, offices: readonly string[]): Promise<VisitCounts[]> {
  const r = await sql<VisitCounts>`
    select office_code as office, sum(visits)::float8 as visits, sum(admitted)::float8 as admitted,
      sum(statements)::float8 as statements,
      sum(phone_known)::float8 as "phoneKnown", sum(phone_yes)::float8 as "phoneYes",
      sum(questioned_known)::float8 as "questionedKnown", sum(questioned_yes)::float8 as "questionedYes",
      count(*) filter (where visits > 0)::float8 as "activeDays"
    from office_daily
    where day >= ${from}::date and day < ${to}::date and office_code = any(${[...offices]}::text[])
    group by office_code having sum(visits) > 0 order by office_code`.execute(t.db);
  return r.rows;
}

async function gapsBySql(t: TestDatabase, from: string, end: string, offices: readonly string[]): Promise<ReportingGap[]> {
  const r = await sql<ReportingGap>`
    with s as (
      select office_code, min(day) as start from office_daily
      where visits > 0 and office_code = any(${[...offices]}::text[]) group by office_code
    ), o as (
      select office_code as code, greatest(start, ${from}::date) as begin_day from s
      where greatest(start, ${from}::date) < ${end}::date
    ), active as (
      select d.office_code, d.day from office_daily d join o on o.code = d.office_code
      where d.day >= o.begin_day and d.day < ${end}::date and d.visits > 0
    ), marks as (
      select office_code, day, true as active from active
      union all select code, begin_day - 1, false from o
      union all select code, ${end}::date, false from o
    ), gaps as (
      select office_code, active, day,
        day - lag(day) over (partition by office_code order by day) - 1 as gap,
        lag(day) over (partition by office_code order by day) + 1 as gap_from
      from marks
    ), ranked as (
      select office_code, gap, gap_from, day - 1 as gap_to,
        row_number() over (partition by office_code order by gap desc nulls last, day) as rn,
        count(*) filter (where active) over (partition by office_code) as active_days
      from gaps
    )
    select r.office_code as office, (${end}::date - o.begin_day) as days, r.active_days::float8 as "activeDays",
      coalesce(r.gap, 0) as "longestGap",
      case when r.gap > 0 then r.gap_from::text end as "gapFrom", case when r.gap > 0 then r.gap_to::text end as "gapTo"
    from ranked r join o on o.code = r.office_code where r.rn = 1 order by r.office_code`.execute(t.db);
  return r.rows;
}

const OFFICES = ['SRK', 'TDK', 'KEG', 'AKS', 'ALK', 'KSU'];
const FIRST = '2024-01-01';

describe('visit counts and reporting gaps over the day units equal the SQL they replace', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase();
    // Seeded: the same days every run.
    const rand = createRng(20261207).next;
    const rows: Insertable<VisitHourlyTable>[] = [];
    for (const [i, office] of OFFICES.entries()) {
      // Each office its own habit: starts late, stops early, silent spells of every length; ALK never reports.
      if (office === 'ALK') continue;
      const start = 3 * i;
      const stop = 120 - 7 * i;
      let silentFor = 0;
      for (let d = start; d < stop; d++) {
        if (silentFor > 0) { silentFor--; continue; }
        if (rand() < 0.12) { silentFor = Math.floor(rand() * 9); continue; }
        // A day holding rows whose visits are all 0 counts as silent (an hour a rollup took back).
        const visits = rand() < 0.05 ? 0 : 1 + Math.floor(rand() * 5);
        const part = () => Math.floor(rand() * (visits + 1));
        rows.push({
          office_code: office, day: addDays(FIRST, d), hour: 10, category: 'consultation', visits,
          admitted: part(), statements: part(), phone_known: part(), phone_yes: part(), questioned_known: part(), questioned_yes: part(),
        });
      }
    }
    await t.db.insertInto('visit_hourly').values(rows).execute();
  });
  afterAll(async () => { await t?.close(); });

  it('for periods of every length and edge, one-off and through a memo shared between them', async () => {
    const rand = createRng(7).next;
    const memo = createUnitMemo(t.db).at('seeded');
    let compared = 0;
    for (let i = 0; i < 60; i++) {
      const from = addDays(FIRST, Math.floor(rand() * 130) - 10);
      const end = addDays(from, 1 + Math.floor(rand() * 90));
      const offices = OFFICES.filter(() => rand() < 0.8);
      const expected = await gapsBySql(t, from, end, offices);
      expect(await getReportingGaps(t.db, from, end, offices), `${from}..${end} ${offices.join(',')}`).toEqual(expected);
      expect(await getReportingGaps(t.db, from, end, offices, memo), `${from}..${end} memo`).toEqual(expected);
      const counts = await countsBySql(t, from, end, offices);
      expect(await getVisitCounts(t.db, { from, to: end }, offices), `counts ${from}..${end}`).toEqual(counts);
      expect(await getVisitCounts(t.db, { from, to: end }, offices, memo), `counts ${from}..${end} memo`).toEqual(counts);
      compared += expected.length + counts.length;
    }
    // The periods reached offices with gaps at both edges and inside, not only empty answers.
    expect(compared).toBeGreaterThan(300);
  });
});
