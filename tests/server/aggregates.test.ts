import { tableFromIPC } from 'apache-arrow';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ComplianceMetricsResponse, ComplianceResponse, DelaysResponse, OfficePageResponse, OverviewResponse, TopicsResponse,
} from '../../server/api/contract.ts';
import { coverAllOffices, seedVisits } from './seed-visits.ts';
import { startTestServer, TEST_SERVER_NOW, type Session, type TestServer } from './test-server.ts';
import { almatyToday } from '../../domain/calendar.ts';
import { evaluateCompliance } from '../../sql/compliance/evaluate.ts';
import { setThreshold } from '../../sql/compliance/thresholds.ts';
import { seedInspection } from '../compliance/seed.ts';

let t: TestServer;
let dept: Session;
// February's last days (UTC+6) and the whole of March (UTC+5 from 2024-03-01): edge days and a
// whole month of the rollups.
const FROM = '2024-02-20';
const TO = '2024-04-01';
const Q = `from=${FROM}&to=${TO}`;

beforeAll(async () => {
  t = await startTestServer();
  await seedVisits(t.db.db, { offices: ['SRK', 'TDK', 'KEG'], from: '2024-02-01', days: 60 });
  // Earlier visits across the new year (AKS only here: silent in the main period), so periods below
  // are summed from year and month rollup units with days taken away.
  await seedVisits(t.db.db, { offices: ['SRK', 'TDK', 'AKS'], from: '2023-11-20', days: 72, seed: 5 });
  // Logs received for every office and day through January 2025: the periods below are never cut (§8).
  await coverAllOffices(t.db.db, '2021-01-01', '2025-01-31');
  dept = await t.login('department');
});
afterAll(async () => { await t?.close(); });

async function get<T>(path: string, s: Session = dept): Promise<T> {
  const res = await t.call(path, { as: s });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as T;
}

const inPeriod = sql`arrival_date >= ${FROM}::date and arrival_date < ${TO}::date`;

/** The overview's daily series and weekday × hour heatmap equal GROUP BY over the raw visits in `where`. */
async function expectDailyAndHeatmapOfRaw(o: OverviewResponse, where: ReturnType<typeof sql>): Promise<void> {
  const daily = await sql<{ day: string; visits: number }>`
    select arrival_date as day, count(*)::int as visits from visits where ${where} group by 1 order by 1`.execute(t.db.db);
  expect(o.daily.filter((d) => d.visits !== 0).map(({ day, visits }) => ({ day, visits }))).toEqual(daily.rows);
  const heat = await sql<{ weekday: number; hour: number; visits: number }>`
    select extract(isodow from arrival_date)::int as weekday,
      extract(hour from arrived_at at time zone 'Asia/Almaty')::int as hour, count(*)::int as visits
    from visits where ${where} group by 1, 2 order by 1, 2`.execute(t.db.db);
  expect(o.heatmap.filter((c) => c.visits !== 0).map(({ weekday, hour, visits }) => ({ weekday, hour, visits }))).toEqual(heat.rows);
  // Every hour of a covered weekday is a cell: an hour nobody came is 0, not a hole.
  expect(o.heatmap.filter((c) => c.days > 0)).toHaveLength(7 * 24);
  expect(o.heatmap.filter((c) => c.visits === 0).every((c) => c.average === 0)).toBe(true);
}

describe('rollup answers equal the same aggregates over raw visits', () => {
  it('overview: visits per office, this and the previous period, per day and per weekday × hour', async () => {
    const o = await get<OverviewResponse>(`/api/overview?${Q}`);
    const perOffice = await sql<{ office: string; visits: number }>`
      select office_code as office, count(*)::int as visits from visits where ${inPeriod} group by 1`.execute(t.db.db);
    const prev = await sql<{ n: number }>`select count(*)::int as n from visits
      where arrival_date >= ${o.previous.from}::date and arrival_date < ${FROM}::date`.execute(t.db.db);
    for (const r of perOffice.rows) expect(o.perOffice.find((p) => p.office === r.office)?.visits).toBe(r.visits);
    expect(o.totals.visits).toBe(perOffice.rows.reduce((a, r) => a + r.visits, 0));
    expect(o.totals.previous).toBe(prev.rows[0]?.n);
    expect(o.perOffice).toHaveLength(20);
    expect(o.silentOffices).toHaveLength(17);
    expect(o.silentOffices).not.toContain('SRK');

    await expectDailyAndHeatmapOfRaw(o, inPeriod);
  });

  it('overview: median, p90 and max of every measure equal the raw visits, overall and per office; the share over a standard only for a measure that has one', async () => {
    const o = await get<OverviewResponse>(`/api/overview?${Q}`);
    // Admission delay against its 5 min, a statement (accepted) against 20 min; waiting and service have no standard (contract §8).
    const raw = await sql<{ office: string | null; metric: string; median: number; p90: number; max: number; over: number | null; n: number }>`
      select office_code as office, m.metric, percentile_cont(0.5) within group (order by m.s) / 60 as median,
        percentile_cont(0.9) within group (order by m.s) / 60 as p90, max(m.s) / 60 as max,
        (count(*) filter (where m.s > m.standard))::float8 / nullif(count(*) filter (where m.standard is not null), 0) as over, count(*)::int as n
      from visits v cross join lateral (values
        ('admission_delay', floor(extract(epoch from v.admitted_at - v.arrived_at)), 300),
        ('wait_time', floor(extract(epoch from v.started_at - v.arrived_at)), null),
        ('service_time', floor(extract(epoch from v.finished_at - v.started_at)), null),
        ('application_time', case when v.outcome = 'statement_accepted' then floor(extract(epoch from v.finished_at - v.arrived_at)) end, 1200)) m (metric, s, standard)
      where ${inPeriod} and m.s is not null group by grouping sets ((1, 2), (2))`.execute(t.db.db);
    expect(raw.rows).toHaveLength(4 * 4);
    for (const r of raw.rows) {
      const got = r.office === null ? o.durations?.find((d) => d.metric === r.metric)
        : o.officeDurations?.find((d) => d.metric === r.metric && d.office === r.office);
      expect(got?.n, `${r.office} ${r.metric}`).toBe(r.n);
      expect(got?.median).toBeCloseTo(r.median, 9);
      expect(got?.p90).toBeCloseTo(r.p90, 9);
      expect(got?.max).toBeCloseTo(r.max, 9);
      if (r.over === null) expect(got?.overStandard, `${r.office} ${r.metric}`).toBeNull();
      else expect(got?.overStandard).toBeCloseTo(r.over, 12);
    }
    expect(o.standard).toEqual({ minMinutes: 15, maxMinutes: 20, admissionDelayMinutes: 5 });
  });

  it('topics: visits per category with the previous period', async () => {
    const topics = await get<TopicsResponse>(`/api/topics?${Q}`);
    const raw = await sql<{ category: string; visits: number }>`
      select category, count(*)::int as visits from visits where ${inPeriod} group by 1 order by 1`.execute(t.db.db);
    expect(topics.categories.map(({ category, visits }) => ({ category, visits }))).toEqual(raw.rows);
    expect(topics.total).toBe(raw.rows.reduce((a, r) => a + r.visits, 0));
    expect(topics.granularity).toBe('day');
    const perOffice = await sql<{ office: string; category: string; visits: number }>`
      select office_code as office, category, count(*)::int as visits from visits where ${inPeriod} group by 1, 2 order by 1, 2`.execute(t.db.db);
    expect(topics.perOffice.map(({ office, category, visits }) => ({ office, category, visits }))).toEqual(perOffice.rows);
    const trend = await sql<{ bucket: string; category: string; visits: number }>`
      select arrival_date as bucket, category, count(*)::int as visits from visits where ${inPeriod} group by 1, 2 order by 1, 2`.execute(t.db.db);
    expect(topics.trend.map(({ bucket, category, visits }) => ({ bucket, category, visits }))).toEqual(trend.rows);
    expect(topics.examples.theft?.length).toBeGreaterThan(0);
  });

  it('topics: a four-month period is bucketed by ISO week, starting on Monday', async () => {
    const topics = await get<TopicsResponse>('/api/topics?from=2024-01-01&to=2024-05-01');
    expect(topics.granularity).toBe('week');
    const raw = await sql<{ bucket: string; category: string; visits: number }>`
      select date_trunc('week', arrival_date::timestamp)::date as bucket, category, count(*)::int as visits
      from visits where arrival_date >= '2024-01-01' and arrival_date < '2024-05-01' group by 1, 2 order by 1, 2`.execute(t.db.db);
    expect(topics.trend.map(({ bucket, category, visits }) => ({ bucket, category, visits }))).toEqual(raw.rows);
    expect(new Date(`${topics.trend[0]?.bucket}T00:00:00Z`).getUTCDay()).toBe(1);
  });

  it('compliance/delays: box plot quartiles of the admission delay per office', async () => {
    const box = await get<DelaysResponse>(`/api/compliance/delays?${Q}&metric=admission_delay`);
    const raw = await sql<{ office: string; q1: number; median: number; q3: number; max: number }>`
      select office_code as office,
        percentile_cont(0.25) within group (order by s) / 60 as q1, percentile_cont(0.5) within group (order by s) / 60 as median,
        percentile_cont(0.75) within group (order by s) / 60 as q3, max(s) / 60 as max
      from (select office_code, floor(extract(epoch from admitted_at - arrived_at)) as s from visits
            where ${inPeriod} and admitted_at is not null) d
      group by 1 order by 1`.execute(t.db.db);
    expect(box.offices.map((b) => b.office)).toEqual(raw.rows.map((r) => r.office));
    for (const r of raw.rows) {
      const b = box.offices.find((x) => x.office === r.office);
      expect(b?.q1).toBeCloseTo(r.q1, 9);
      expect(b?.median).toBeCloseTo(r.median, 9);
      expect(b?.q3).toBeCloseTo(r.q3, 9);
      expect(b?.max).toBeCloseTo(Number(r.max), 9);
    }
  });
});

/**
 * Periods whose covers use coarse units, with visits on the units taken away: a month minus days at
 * both ends, a whole calendar year (its previous period is the year before), a year minus its first
 * two days, and a period over 366 days (month buckets, the first one partial).
 */
describe.each([
  ['2023-12-05', '2024-03-20'],
  ['2024-01-01', '2025-01-01'],
  ['2024-01-03', '2025-01-01'],
  ['2023-11-25', '2025-01-01'],
])('volumes and topics for %s – %s equal raw GROUP BYs over visits', (from, to) => {
  const period = sql`arrival_date >= ${from}::date and arrival_date < ${to}::date`;
  const q = `from=${from}&to=${to}`;

  it('overview: per office with the previous period, totals, per day and per weekday × hour', async () => {
    const o = await get<OverviewResponse>(`/api/overview?${q}`);
    const raw = await sql<{ office: string; visits: number; previous: number; statements: number }>`
      select o.code as office,
        count(v.id) filter (where v.arrival_date >= ${from}::date)::int as visits,
        count(v.id) filter (where v.arrival_date < ${from}::date)::int as previous,
        count(v.id) filter (where v.arrival_date >= ${from}::date and v.outcome = 'statement_accepted')::int as statements
      from offices o left join visits v on v.office_code = o.code
        and v.arrival_date >= ${o.previous.from}::date and v.arrival_date < ${to}::date
      group by 1 order by 1`.execute(t.db.db);
    expect(o.perOffice.map(({ office, visits, previous, statements }) => ({ office, visits, previous, statements }))
      .sort((a, b) => a.office.localeCompare(b.office))).toEqual(raw.rows);
    const admitted = await sql<{ n: number }>`select count(admitted_at)::int as n from visits where ${period}`.execute(t.db.db);
    expect(o.totals.admitted).toBe(admitted.rows[0]?.n);
    await expectDailyAndHeatmapOfRaw(o, period);
  });

  it('topics: per category with the previous period, per office × category and the trend', async () => {
    const topics = await get<TopicsResponse>(`/api/topics?${q}`);
    const categories = await sql<{ category: string; visits: number; previous: number }>`
      select category, count(*) filter (where arrival_date >= ${from}::date)::int as visits,
        count(*) filter (where arrival_date < ${from}::date)::int as previous
      from visits where arrival_date >= ${topics.previous.from}::date and arrival_date < ${to}::date
      group by 1 order by 1`.execute(t.db.db);
    expect(topics.categories.map(({ category, visits, previous }) => ({ category, visits, previous }))).toEqual(categories.rows);
    const perOffice = await sql<{ office: string; category: string; visits: number }>`
      select office_code as office, category, count(*)::int as visits from visits where ${period} group by 1, 2 order by 1, 2`.execute(t.db.db);
    expect(topics.perOffice.map(({ office, category, visits }) => ({ office, category, visits }))).toEqual(perOffice.rows);
    const trend = await sql<{ bucket: string; category: string; visits: number }>`
      select date_trunc(${topics.granularity}, arrival_date::timestamp)::date as bucket, category, count(*)::int as visits
      from visits where ${period} group by 1, 2 order by 1, 2`.execute(t.db.db);
    expect(topics.trend.map(({ bucket, category, visits }) => ({ bucket, category, visits }))).toEqual(trend.rows);
  });

  it('office page: totals, daily series, heatmap and topics of one office', async () => {
    const page = await get<OfficePageResponse>(`/api/offices/SRK?${q}`);
    const srk = sql`${period} and office_code = 'SRK'`;
    const topics = await sql<{ category: string; visits: number }>`
      select category, count(*)::int as visits from visits where ${srk} group by 1 order by 1`.execute(t.db.db);
    expect(page.topics.map(({ category, visits }) => ({ category, visits }))).toEqual(topics.rows);
    const daily = await sql<{ day: string; visits: number }>`
      select arrival_date as day, count(*)::int as visits from visits where ${srk} group by 1 order by 1`.execute(t.db.db);
    expect(page.daily.filter((d) => d.visits !== 0).map(({ day, visits }) => ({ day, visits }))).toEqual(daily.rows);
    expect(page.totals.visits).toBe(daily.rows.reduce((a, r) => a + r.visits, 0));
    const prev = await sql<{ n: number }>`select count(*)::int as n from visits
      where office_code = 'SRK' and arrival_date >= ${page.previous.from}::date and arrival_date < ${from}::date`.execute(t.db.db);
    expect(page.totals.previous).toBe(prev.rows[0]?.n);
  });
});

describe('compliance answers agree with each other and with raw visits', () => {
  it('the matrix verdict on pass delay, the metrics and percentile_cont over raw visits give the same p90', async () => {
    const matrix = await get<ComplianceResponse>(`/api/compliance?${Q}`);
    const metrics = await get<ComplianceMetricsResponse>(`/api/compliance/metrics?${Q}`);
    expect(matrix.offices).toHaveLength(20);
    expect(matrix.offices.every((o) => o.rules.length === 7)).toBe(true);
    const raw = await sql<{ p90: number; visits: number; admitted: number }>`
      select percentile_cont(0.9) within group (order by floor(extract(epoch from admitted_at - arrived_at))) / 60 as p90,
        count(*)::int as visits, count(admitted_at)::int as admitted
      from visits where ${inPeriod} and office_code = 'SRK'`.execute(t.db.db);
    const r = raw.rows[0];
    const verdict = matrix.offices.find((o) => o.office === 'SRK')?.rules.find((x) => x.rule === 'no_pass_delay');
    const m = metrics.offices.find((o) => o.office === 'SRK');
    expect(verdict?.value).toBeCloseTo(r?.p90 ?? NaN, 6);
    expect(m?.admissionDelayP90).toBeCloseTo(r?.p90 ?? NaN, 6);
    expect(m).toMatchObject({ visits: r?.visits, admitted: r?.admitted, notAdmitted: (r?.visits ?? 0) - (r?.admitted ?? 0) });
    // An office with no visits is no_data on the visit rules, never ok.
    const silent = matrix.offices.find((o) => o.office === 'ALK')?.rules.find((x) => x.rule === 'no_pass_delay');
    expect(silent?.status).toBe('no_data');
  });

  it('a matrix summed from rollup units other periods read first equals the one-off evaluation, also after new visits', async () => {
    const periods = [[FROM, TO], ['2024-03-01', '2024-03-16'], ['2023-12-05', '2024-03-09'], ['2024-02-27', '2024-03-02']] as const;
    const today = almatyToday(new Date(TEST_SERVER_NOW));
    const expectEqual = async () => {
      for (const [from, to] of periods) {
        const served = await get<ComplianceResponse>(`/api/compliance?from=${from}&to=${to}`);
        const direct = await evaluateCompliance(t.db.db, { from, to, items: true, today });
        expect(served.offices, `${from}..${to}`).toEqual(direct.offices);
      }
    };
    await expectEqual();
    // New data: a new version, whose answers must not sum the units read before it.
    await seedVisits(t.db.db, { offices: ['SRK', 'KEG'], from: '2024-03-05', days: 3, seed: 11 });
    await expectEqual();
    // An inspection and a threshold change are new versions as well: the judgement reads both once
    // per version, and the next answers follow them.
    const bars = async () => (await get<ComplianceResponse>(`/api/compliance?from=${FROM}&to=${TO}&office=SRK`)).offices[0]?.rules.find((r) => r.rule === 'no_bars')?.status;
    expect(await bars()).toBe('no_data');
    await seedInspection(t.db.db, { office: 'SRK', at: '2024-03-20 10:00', inspector: 'Ахметов', bars_on_windows: true });
    await setThreshold(t.db.db, 'pass_delay_minutes', 3, 'test');
    expect(await bars()).toBe('breach');
    await expectEqual();
    await setThreshold(t.db.db, 'pass_delay_minutes', 5, 'test');
    await expectEqual();
  });

  it('the matrix answer carries the admission delay boxes of /api/compliance/delays for the same filter', async () => {
    for (const q of [Q, `${Q}&region=almaty-oblast`, `${Q}&office=SRK`]) {
      const matrix = await get<ComplianceResponse>(`/api/compliance?${q}`);
      const delays = await get<DelaysResponse>(`/api/compliance/delays?${q}&metric=admission_delay`);
      expect(delays.offices.filter((b) => b.n > 0).length, q).toBeGreaterThan(0);
      expect(matrix.delays, q).toEqual(delays.offices);
    }
    // Downloads of the matrix carry them as a table of their own.
    const res = await t.call(`/api/compliance?${Q}&table=delays`, { as: dept, headers: { accept: 'application/vnd.apache.arrow.stream' } });
    expect(res.status).toBe(200);
    const matrix = await get<ComplianceResponse>(`/api/compliance?${Q}`);
    expect(tableFromIPC(new Uint8Array(await res.arrayBuffer())).toArray().map((r) => ({ ...r.toJSON() }))).toEqual(matrix.delays);
  });
});

describe('content negotiation', () => {
  it('answers Arrow IPC for Accept: application/vnd.apache.arrow.stream with the same rows as JSON', async () => {
    const json = await get<OverviewResponse>(`/api/overview?${Q}`);
    const res = await t.call(`/api/overview?${Q}&table=daily`, { as: dept, headers: { accept: 'application/vnd.apache.arrow.stream' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream');
    const table = tableFromIPC(new Uint8Array(await res.arrayBuffer()));
    expect(table.numRows).toBe(json.daily.length);
    expect(table.toArray().map((r) => ({ ...r.toJSON() }))).toEqual(json.daily);
  });

  it('downloads CSV and XLSX with ?format=, and refuses an unknown table or format with 400', async () => {
    const csv = await t.call(`/api/topics?${Q}&format=csv`, { as: dept });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="?topics-.*-categories\.csv/);
    const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('category,visits,previous,compared,suppressed,change,share');
    const xlsx = await t.call(`/api/topics?${Q}&format=xlsx`, { as: dept });
    expect(xlsx.status).toBe(200);
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    const badTable = await t.call(`/api/topics?${Q}&format=csv&table=nope`, { as: dept });
    expect(badTable.status).toBe(400);
    expect(((await badTable.json()) as { error: { message: string } }).error.message).toMatch(/^table: expected one of categories/);
    const badFormat = await t.call(`/api/topics?${Q}&format=pdf`, { as: dept });
    expect(badFormat.status).toBe(400);
  });
});

describe('bad input gets a 400 that names the parameter', () => {
  it.each([
    ['/api/overview?to=2024-02-01', /^from: /],
    ['/api/overview?from=2024-13-01&to=2024-02-01', /^from: expected an Almaty calendar day/],
    ['/api/overview?from=2024-02-01&to=2024-01-01', /^to: expected a day after from/],
    ['/api/topics?from=2024-01-01&to=2024-02-01&office=XYZ', /^office: unknown office "XYZ"/],
    ['/api/topics?from=2024-01-01&to=2024-02-01&office=srk', /^office: an office code/],
    ['/api/compliance/delays?from=2024-01-01&to=2024-02-01&metric=speed', /^metric: /],
    ['/api/overview?from=2010-01-01&to=2024-02-01', /^to: the period may span at most 10 years/],
  ])('%s', async (path, message) => {
    const res = await t.call(path, { as: dept });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('bad_request');
    expect(body.error.message).toMatch(message);
  });
});
