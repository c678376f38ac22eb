import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, type RouteSpec } from '../../server/api/contract.ts';
import { seedVisits } from './seed-visits.ts';
import { startTestServer, type Session, type TestServer } from './test-server.ts';

/**
 * One test per defect of issue 10 that a request alone could trigger (the login and session ones
 * are in login-limiter.test.ts). Each failed on the code before the fix: a hang or an out-of-memory
 * abort, a wrong number, a 500, or a value that a spreadsheet runs as a formula.
 */
let t: TestServer;
let admin: Session;
let press: Session;
const P = 'from=2024-03-01&to=2024-04-01';
const DANGEROUS = "-1+1+cmd|' /C calc'!A0";

beforeAll(async () => {
  t = await startTestServer({}, { clock: () => Date.parse('2024-06-15T06:00:00Z') });
  await seedVisits(t.db.db, { offices: ['SRK', 'KEG'], from: '2024-03-01', days: 10 });
  // Text a visitor or an uploader wrote, in every column that reaches a CSV.
  await t.db.db.updateTable('visits').set({ topic_text: DANGEROUS, visit_ref: '=HYPERLINK("http://x")' }).where('visit_ref', '=', 'T1').execute();
  const file = await t.db.db.insertInto('ingested_files').values({
    sha256: randomBytes(32).toString('hex'), path: `/srv/in/@SUM(1+1)_SRK.csv`, bytes: 1, format: 'csv', status: 'loaded', reason: '+cmd',
  }).returning('id').executeTakeFirstOrThrow();
  await t.db.db.insertInto('quarantine').values({
    file_id: file.id, source_line: 2, reason: 'malformed', detail: '\tTAB', raw_text: DANGEROUS,
  }).execute();
  await t.db.db.insertInto('flags').values({
    office_code: 'SRK', rule: 'no_pass_delay', month: '2024-03-01', last_month: '2024-03-01',
    evidence: JSON.stringify({ status: 'breach', value: 7.5, threshold: 5, lines: ['p90 7.5 min'], examples: [], basis: {} }),
  }).execute();
  admin = await t.login('admin');
  press = await t.login('press');
}, 180_000); // four argon2 hashes and a seed: slow on a loaded machine
afterAll(async () => {
  await t?.close();
});

/** A request that must be answered quickly (the old code hung until the heap ran out). */
const quick = () => ({ signal: AbortSignal.timeout(10_000) });
const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

describe('periods at the edge of the calendar (defects 1 and 2)', () => {
  it('year 0000 is refused at once with the allowed days, and the server still answers', async () => {
    const res = await t.call('/api/overview?from=0000-01-01&to=0000-02-01', { as: press, ...quick() });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toBe('from: expected a day from 2000-01-01 to 2025-06-15; to: expected a day from 2000-01-01 to 2025-06-15');
    expect((await t.call('/healthz', quick())).status).toBe(200);
  });

  it('9999-12 is refused, never answered with every visit in the database', async () => {
    for (const route of ['overview', 'topics']) {
      const res = await t.call(`/api/${route}?from=9999-12-01&to=9999-12-31`, { as: admin, ...quick() });
      expect(res.status).toBe(400);
      expect((await errorOf(res)).message).toMatch(/^from: expected a day from 2000-01-01 to 2025-06-15/);
    }
  });

  it('the allowed days follow the clock: a year after today is the last', async () => {
    expect((await t.call('/api/overview?from=2025-06-01&to=2025-06-15', { as: admin })).status).toBe(200);
    expect((await t.call('/api/overview?from=2025-06-01&to=2025-06-16', { as: admin })).status).toBe(400);
    expect((await t.call('/api/overview?from=1999-12-31&to=2000-02-01', { as: admin })).status).toBe(400);
  });

  it('a period of more than ten years is refused, ten years is answered', async () => {
    expect((await t.call('/api/topics?from=2014-03-01&to=2024-03-01', { as: admin, ...quick() })).status).toBe(200);
    const res = await t.call('/api/topics?from=2014-03-01&to=2024-03-02', { as: admin });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toBe('to: the period may span at most 10 years (to ≤ 2024-03-01)');
  });
});

describe('tables, formats and ids (defects 8 and 11)', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('?format=csv&table=%s is a 400 listing the tables', async (table) => {
    const res = await t.call(`/api/overview?${P}&format=csv&table=${table}`, { as: admin });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await errorOf(res)).message).toBe('table: expected one of perOffice, daily, heatmap, durations, officeDurations');
  });

  it('a format outside the list is refused on every route with tables', async () => {
    const res = await t.call('/api/thresholds?format=pdf', { as: admin });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toBe('format: expected one of json, arrow, csv, xlsx');
  });

  it.each(['0x10', '1e1', '+16', ' 16', '16.0', '-16', '0', '99999999999999999999'])('/api/flags/%s is a 400, not flag 16', async (id) => {
    const res = await t.call(`/api/flags/${encodeURIComponent(id)}`, { as: admin });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toMatch(/^id: expected (a decimal integer|at least 1)/);
  });

  it('a decimal id is still a flag, and limits must be decimal too', async () => {
    const flag = await t.db.db.selectFrom('flags').select('id').executeTakeFirstOrThrow();
    expect((await t.call(`/api/flags/${flag.id}`, { as: admin })).status).toBe(200);
    expect((await t.call('/api/files?limit=0x10', { as: admin })).status).toBe(400);
    expect((await t.call('/api/files?limit=10', { as: admin })).status).toBe(200);
  });
});

describe('malformed escapes (defects 7 and 11)', () => {
  for (const [path, status] of [['/healthz', 200], ['/api/me', 200], ['/', 404], [`/api/overview?${P}`, 401]] as const) {
    it(`Cookie: vitrina_session=% on ${path} is no cookie (${status}), never a 500`, async () => {
      const res = await t.call(path, { headers: { cookie: 'vitrina_session=%; other=%zz' } });
      expect(res.status).toBe(status);
    });
  }

  it('a malformed percent escape in a path parameter is a 400', async () => {
    const res = await t.call('/api/offices/%E0%A4%A?' + P, { as: admin });
    expect(res.status).toBe(400);
  });

  it('GET /api/me before login answers 200 {"user":null}, so a fresh page logs no error', async () => {
    const res = await t.call('/api/me');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ user: null });
  });
});

/** RFC 4180 cells of a CSV body (quotes and doubled quotes), for checking every cell. */
function csvCells(text: string): string[] {
  const cells: string[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length) {
    let cell = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        cell += text.slice(i, q);
        i = q + 1;
        if (text[i] === '"') { cell += '"'; i++; } else break;
      }
    } else {
      const end = text.slice(i).search(/,|\r\n/);
      cell = end < 0 ? text.slice(i) : text.slice(i, i + end);
      i = end < 0 ? text.length : i + end;
    }
    cells.push(cell);
    i += text.startsWith('\r\n', i) ? 2 : 1;
  }
  return cells;
}

/** Every CSV the API writes: each table of each route, and the visit export. */
function csvRequests(): string[] {
  const out: string[] = [];
  for (const r of Object.values(ROUTES) as RouteSpec[]) {
    if (!r.tables || r.method !== 'get') continue;
    const path = r.path.replace(':code', 'SRK');
    for (const table of r.tables) out.push(`${path}?${P}&format=csv&table=${table}`);
  }
  out.push(`/api/export/visits?${P}&format=csv`);
  return out;
}

describe('CSV formula injection (defect 6): the OWASP rule on every CSV the API writes', () => {
  it('no text cell of any CSV starts with = + - @, tab or CR', async () => {
    const seen: string[] = [];
    for (const path of csvRequests()) {
      const res = await t.call(path, { as: admin });
      const text = await res.text();
      if (res.status === 400 && /table: expected one of/.test(text)) continue; // a table this answer does not hold
      expect(res.status, `${path}: ${text}`).toBe(200);
      expect(res.headers.get('content-type'), path).toMatch(/^text\/csv/);
      for (const cell of csvCells(text)) {
        const number = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(cell);
        expect(number || !/^[=+\-@\t\r]/.test(cell), `${path}: ${JSON.stringify(cell)}`).toBe(true);
        seen.push(cell);
      }
    }
    // The dangerous values did reach the CSVs, neutralised; negative numbers stay numbers.
    expect(seen).toEqual(expect.arrayContaining([`'${DANGEROUS}`, `'=HYPERLINK("http://x")`, "'@SUM(1+1)_SRK.csv", "'+cmd", "'\tTAB"]));
  });
});
