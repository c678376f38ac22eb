import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ingestPaths } from '../../etl/pipeline.ts';
import { overallStatus } from '../../domain/rules.ts';
import type { ComplianceResponse, CoverageResponse, FilesResponse, OfficePageResponse, OverviewResponse, SummaryResponse, TopicsResponse } from '../../server/api/contract.ts';
import { tempFolder } from '../helpers/files.ts';
import { startTestServer, type Session, type TestServer } from './test-server.ts';

/**
 * Contract §8 end to end: real files through the real loader, answers over HTTP. SRK, TDK and KEG
 * send logs from 7 December 2023 to 6 December 2024; RMB's stop on 22 October 2024; the other
 * sixteen offices sent nothing. The clock is set to 10 December 2024 (nothing here may read it).
 */
const HEADER = 'Дата;Время прихода;Время приёма;Начало обслуживания;Окончание;Талон;Цель визита;Служба;Результат;ИИН;Телефон сдан;Опрошен на посту';
const IIN_KEY = 'test-iin-key-0123456789abcdef';
const files = tempFolder();
let t: TestServer;
let dept: Session;

const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** File names as offices send them: the office's own name. */
const NAMES: Record<string, string> = { SRK: 'Сарканский РОП', TDK: 'ГОП Талдыкорган', KEG: 'Кегенский РОП', RMB: 'Райымбекский РОП' };
const dmy = (d: string) => `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`;

/** A log of `office` for every day first..last: 1–3 visits a day (a statement on some); tickets name the office, so no two logs are the same bytes. */
function writeLog(office: string, first: string, last: string, name = `${NAMES[office] ?? office} ${first} ${last}.csv`): string {
  const lines = [HEADER];
  for (let d = first, i = 0; d <= last; d = addDays(d, 1), i++) {
    const n = 1 + ((i * 7 + office.charCodeAt(0)) % 3);
    for (let k = 0; k < n; k++) {
      const hh = String(9 + k * 2).padStart(2, '0');
      lines.push(`${dmy(d)};${hh}:05;${hh}:07;${hh}:10;${hh}:25;${office}-${k + 1};${k === 1 ? 'кража телефона' : 'Справка о несудимости'};;${k === 1 ? 'заявление принято' : 'консультация'};;нет;нет`);
    }
  }
  return files.write(name, lines.join('\r\n'));
}

async function get<T>(path: string, as: Session = dept): Promise<T> {
  const res = await t.call(path, { as });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as T;
}

/** Visits of `offices` in [from, to), straight from the visits table. */
async function rawVisits(offices: readonly string[], from: string, to: string): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from visits
    where office_code = any(${offices}::text[]) and arrival_date >= ${from}::date and arrival_date < ${to}::date`.execute(t.db.db);
  return r.rows[0]?.n ?? 0;
}

const ingest = (...paths: string[]) => ingestPaths(t.db, paths, { iinKey: IIN_KEY, now: new Date('2024-12-10T06:00:00Z') });

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2024-12-10T06:00:00Z'));
  t = await startTestServer({}, { clock: () => Date.now() }); // the faked system time
  await ingest(
    writeLog('SRK', '2023-12-07', '2024-06-30'), writeLog('SRK', '2024-07-01', '2024-12-06'),
    writeLog('TDK', '2023-12-07', '2024-12-06'), writeLog('KEG', '2023-12-07', '2024-12-06'),
    writeLog('RMB', '2023-12-07', '2024-10-22'),
  );
  dept = await t.login('department');
}, 120_000);
afterAll(async () => { vi.useRealTimers(); await t?.close(); files.remove(); });

describe('coverage from what was received', () => {
  it('GET /api/coverage: completeTo, each office first/last covered day, who is behind since when, uncovered days of the period', async () => {
    const c = await get<CoverageResponse>('/api/coverage?from=2024-10-01&to=2024-12-01');
    expect(c.completeTo).toBe('2024-12-06');
    const by = new Map(c.offices.map((o) => [o.office, o]));
    expect(by.get('SRK')).toEqual({ office: 'SRK', first: '2023-12-07', last: '2024-12-06', status: 'active', behindSince: null, uncovered: [] });
    expect(by.get('RMB')).toMatchObject({ status: 'behind', behindSince: '2024-10-22', uncovered: [{ from: '2024-10-23', to: '2024-11-30' }] });
    expect(by.get('ALK')).toMatchObject({ status: 'no_data', first: null, uncovered: [{ from: '2024-10-01', to: '2024-11-30' }] });
  });

  it('the overview carries the coverage of its requested period, as GET /api/coverage answers it, for every role', async () => {
    // A calendar month: the periods the press service may ask for.
    const q = 'from=2024-11-01&to=2024-12-01';
    const c = await get<CoverageResponse>(`/api/coverage?${q}`);
    expect((await get<OverviewResponse>(`/api/overview?${q}`)).coverage).toEqual(c);
    expect((await get<OverviewResponse>(`/api/overview?${q}&office=RMB`, await t.login('press'))).coverage).toEqual(c);
  });

  it('the overview carries the map: each office of the region and its standing over the rules the compliance page judges', async () => {
    const q = 'from=2024-11-01&to=2024-12-01';
    const matrix = await get<ComplianceResponse>(`/api/compliance?${q}`);
    const expected = matrix.offices.map((o) => ({ office: o.office, status: overallStatus(o.rules.map((r) => r.status)) }));
    expect(expected).toHaveLength(20);
    const overview = await get<OverviewResponse>(`/api/overview?${q}`);
    expect(overview.officeStatus).toEqual(expected);
    // Filtered to one office, the map still shows its neighbours; the press service sees no verdicts.
    expect((await get<OverviewResponse>(`/api/overview?${q}&office=SRK&compare=year_ago`)).officeStatus).toEqual(expected);
    expect((await get<OverviewResponse>(`/api/overview?${q}`, await t.login('press'))).officeStatus).toBeNull();
    const status = new Map(expected.map((o) => [o.office, o.status]));
    // RMB's logs stopped on 22 October: November is a reporting breach; ALK never sent any.
    expect([status.get('RMB'), status.get('ALK')]).toEqual(['breach', 'no_data']);
  });

  it('an office whose files stopped is "behind since …", listed as no data, never among offices without visits', async () => {
    const o = await get<OverviewResponse>('/api/overview?from=2024-11-01&to=2024-12-01');
    expect(o.silentOffices).toEqual([]);
    expect(o.noDataOffices).toContainEqual({ office: 'RMB', reason: 'behind', since: '2024-10-22', days: 30 });
    expect(o.noDataOffices).toContainEqual({ office: 'ALK', reason: 'no_data', since: null, days: 30 });
    expect(o.noDataOffices).toHaveLength(17);
    // The publishable summary says whose logs are missing instead of letting the count read as everyone's.
    const s = await get<SummaryResponse>('/api/summary?from=2024-10-01&to=2024-11-01&office=RMB&lang=ru');
    expect(s.text.replace(/[\u00a0\u202f]/g, ' ')).toMatch(/ Журналы получены не за весь период: Райымбекский РОП \(только по 22\.10\.2024\)\.$/);
  });

  it('the files list is paged on the server with its total and filtered by office, status and month', async () => {
    const all = await get<FilesResponse>('/api/files?limit=2');
    expect(all.total).toBe(5);
    expect(all.files).toHaveLength(2);
    const srk = await get<FilesResponse>('/api/files?office=SRK&status=loaded&month=2024-11');
    expect(srk.total).toBe(1);
    expect(srk.files[0]).toMatchObject({ office: 'SRK', coveredFrom: '2024-07-01', coveredTo: '2024-12-06' });
    expect((await get<FilesResponse>('/api/files?office=RMB&month=2024-11')).total).toBe(0);
    expect((await t.call('/api/files?month=2024-13', { as: dept })).status).toBe(400);
  });
});

describe('periods and like-for-like comparison', () => {
  it('a month with 6 of 31 days covered is cut there and compared with the first 6 days of the previous month', async () => {
    const o = await get<OverviewResponse>('/api/overview?from=2024-12-01&to=2025-01-01');
    expect(o).toMatchObject({ unfinished: true, completeTo: '2024-12-06', period: { from: '2024-12-01', to: '2024-12-07' }, previous: { from: '2024-11-01', to: '2024-11-07' } });
    expect(o.comparison).toMatchObject({ comparable: true, offices: ['KEG', 'SRK', 'TDK'], reason: null });
    const now = await rawVisits(['KEG', 'SRK', 'TDK'], '2024-12-01', '2024-12-07');
    const before = await rawVisits(['KEG', 'SRK', 'TDK'], '2024-11-01', '2024-11-07');
    expect(o.totals).toMatchObject({ compared: now, previous: before });
    expect(o.totals.change).toBeCloseTo((now - before) / before, 4);
    // Nothing drawn after completeTo.
    expect(o.daily.map((d) => d.day).at(-1)).toBe('2024-12-06');
  });

  it('one office behind is left out of the region\'s change and named; the others are still compared', async () => {
    const o = await get<OverviewResponse>('/api/overview?from=2024-11-01&to=2024-12-01');
    expect(o.previous).toEqual({ from: '2024-10-01', to: '2024-11-01' });
    expect(o.comparison.offices).toEqual(['KEG', 'SRK', 'TDK']);
    expect(o.comparison.offices_left_out).toContainEqual({ office: 'RMB', reason: 'behind', since: '2024-10-22', side: 'both' });
    const now = await rawVisits(['KEG', 'SRK', 'TDK'], '2024-11-01', '2024-12-01');
    const before = await rawVisits(['KEG', 'SRK', 'TDK'], '2024-10-01', '2024-11-01');
    expect(o.totals.change).toBeCloseTo((now - before) / before, 4);
    expect(o.perOffice.find((p) => p.office === 'RMB')?.change).toBeNull();
    // RMB's October visits are in its row, not in the region's comparison.
    expect(o.perOffice.find((p) => p.office === 'RMB')?.previous).toBe(await rawVisits(['RMB'], '2024-10-01', '2024-11-01'));
  });

  it('a year whose previous year holds 25 days is not comparable, and no change is given anywhere', async () => {
    const o = await get<OverviewResponse>('/api/overview?from=2024-01-01&to=2025-01-01');
    expect(o.comparison).toMatchObject({ comparable: false, reason: 'previous_not_covered', offices: [] });
    expect(o.totals.change).toBeNull();
    expect(o.perOffice.every((p) => p.change === null)).toBe(true);
    const topics = await get<TopicsResponse>('/api/topics?from=2024-01-01&to=2025-01-01');
    expect(topics.comparison.comparable).toBe(false);
    expect(topics.categories.every((c) => c.change === null)).toBe(true);
  });

  it('the same period a year earlier on request: not comparable before the logs began', async () => {
    const o = await get<OverviewResponse>('/api/overview?from=2024-11-01&to=2024-12-01&compare=year_ago');
    expect(o.previous).toEqual({ from: '2023-11-01', to: '2023-12-01' });
    expect(o.comparison).toMatchObject({ kind: 'year_ago', comparable: false, reason: 'previous_not_covered' });
  });

  it('one office ahead of the others moves nobody\'s period or change', async () => {
    const q = '/api/overview?from=2024-11-25&to=2024-12-10';
    const before = await get<OverviewResponse>(q);
    await ingest(writeLog('KEG', '2024-12-07', '2024-12-09', 'Кегенский РОП опережает.csv'));
    const after = await get<OverviewResponse>(q);
    expect((await get<CoverageResponse>('/api/coverage')).latest).toBe('2024-12-09');
    expect(after.period).toEqual(before.period);
    expect(after.period.to).toBe('2024-12-07');
    expect(after.previous).toEqual(before.previous);
    expect(after.totals.change).toBe(before.totals.change);
    expect(after.totals.visits).toBe(before.totals.visits);
  });

  it('topics compare each category over the like-for-like offices only', async () => {
    const topics = await get<TopicsResponse>('/api/topics?from=2024-11-01&to=2024-12-01');
    const raw = await sql<{ category: string; now: number; before: number }>`
      select category, count(*) filter (where arrival_date >= '2024-11-01')::int as now,
        count(*) filter (where arrival_date < '2024-11-01')::int as before
      from visits where office_code in ('KEG', 'SRK', 'TDK') and arrival_date >= '2024-10-01' and arrival_date < '2024-12-01'
      group by 1`.execute(t.db.db);
    for (const r of raw.rows) {
      const c = topics.categories.find((x) => x.category === r.category);
      expect(c).toMatchObject({ compared: r.now, previous: r.before });
      expect(c?.change).toBeCloseTo((r.now - r.before) / r.before, 4);
    }
  });
});

describe('drawing', () => {
  it('heatmap cell = visits ÷ covered occurrences of that weekday; uncovered days are gaps, not zeros', async () => {
    const page = await get<OfficePageResponse>('/api/offices/RMB?from=2024-10-01&to=2024-11-01');
    const raw = await sql<{ weekday: number; hour: number; visits: number }>`
      select extract(isodow from arrival_date)::int as weekday, extract(hour from arrived_at at time zone 'Asia/Almaty')::int as hour,
        count(*)::int as visits
      from visits where office_code = 'RMB' and arrival_date >= '2024-10-01' and arrival_date < '2024-11-01' group by 1, 2`.execute(t.db.db);
    // Covered days 1–22 October 2024: each weekday's occurrences among them.
    const occurrences = [0, 0, 0, 0, 0, 0, 0];
    for (let d = '2024-10-01'; d <= '2024-10-22'; d = addDays(d, 1)) {
      const i = (new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7;
      occurrences[i] = (occurrences[i] ?? 0) + 1;
    }
    expect(raw.rows.length).toBeGreaterThan(0);
    for (const r of raw.rows) {
      const cell = page.heatmap.find((h) => h.weekday === r.weekday && h.hour === r.hour);
      expect(cell?.days).toBe(occurrences[r.weekday - 1]);
      expect(cell?.average).toBeCloseTo(r.visits / (occurrences[r.weekday - 1] ?? 1), 2);
    }
    expect(page.daily.find((d) => d.day === '2024-10-23')).toEqual({ day: '2024-10-23', visits: null, covered: false, suppressed: false });
    expect(page.daily.find((d) => d.day === '2024-10-22')?.covered).toBe(true);
    expect(page.coverage).toMatchObject({ status: 'behind', behindSince: '2024-10-22', uncovered: [{ from: '2024-10-23', to: '2024-10-31' }] });
    expect(page.comparison).toMatchObject({ comparable: false, reason: 'current_not_covered' });
  });

  it('the topic trend holds every bucket of the period: days no log covers are gaps (no row, covered: false), never zeros, and nothing after completeTo', async () => {
    const rmb = await get<TopicsResponse>('/api/topics?from=2024-10-01&to=2024-11-01&office=RMB');
    expect(rmb.granularity).toBe('day');
    expect(rmb.buckets).toHaveLength(31);
    expect(rmb.buckets.filter((b) => b.covered).map((b) => b.bucket)).toEqual(Array.from({ length: 22 }, (_, i) => addDays('2024-10-01', i)));
    // Each covered day's rows are the raw visits of that day by category; an uncovered day has none.
    const raw = await sql<{ day: string; category: string; visits: number }>`
      select arrival_date::text as day, category, count(*)::int as visits from visits
      where office_code = 'RMB' and arrival_date >= '2024-10-01' and arrival_date < '2024-11-01' group by 1, 2 order by 1, 2`.execute(t.db.db);
    expect(rmb.trend.map(({ bucket, category, visits }) => ({ day: bucket, category, visits })).sort((a, b) => a.day.localeCompare(b.day) || a.category.localeCompare(b.category)))
      .toEqual(raw.rows);
    expect(rmb.trend.every((r) => r.bucket <= '2024-10-22')).toBe(true);
    // Weeks: the week of 21 October holds two covered days; the weeks after it none.
    const weeks = await get<TopicsResponse>('/api/topics?from=2024-09-02&to=2024-12-02&office=RMB');
    expect(weeks.granularity).toBe('week');
    expect(weeks.buckets.find((b) => b.bucket === '2024-10-21')?.covered).toBe(true);
    expect(weeks.buckets.filter((b) => !b.covered).map((b) => b.bucket)).toEqual(['2024-10-28', '2024-11-04', '2024-11-11', '2024-11-18', '2024-11-25']);
    // An unfinished month: the axis ends at completeTo.
    const december = await get<TopicsResponse>('/api/topics?from=2024-12-01&to=2025-01-01');
    expect(december.buckets.map((b) => b.bucket).at(-1)).toBe('2024-12-06');
    expect(december.buckets.every((b) => b.covered)).toBe(true);
  });

  it('per office, an office no log covers for the period is «none», never a count of zero visitors; one covered in part is «partial»', async () => {
    const nov = await get<OverviewResponse>('/api/overview?from=2024-11-01&to=2024-12-01');
    const kind = (o: OverviewResponse, code: string) => o.perOffice.find((p) => p.office === code)?.coverage;
    expect(kind(nov, 'RMB')).toBe('none');
    expect(kind(nov, 'ALK')).toBe('none');
    expect(kind(nov, 'SRK')).toBe('full');
    expect(kind(await get<OverviewResponse>('/api/overview?from=2024-10-01&to=2024-11-01'), 'RMB')).toBe('partial');
  });

  it('deleting a file updates coverage', async () => {
    const file = await t.db.db.selectFrom('ingested_files').select('id').where('path', 'like', '%опережает.csv').executeTakeFirstOrThrow();
    await t.db.db.deleteFrom('visits').where('file_id', '=', file.id).execute();
    await t.db.db.deleteFrom('ingested_files').where('id', '=', file.id).execute();
    const c = await get<CoverageResponse>('/api/coverage');
    expect(c.latest).toBe('2024-12-06');
    expect(c.offices.find((o) => o.office === 'KEG')?.last).toBe('2024-12-06');
  });
});
