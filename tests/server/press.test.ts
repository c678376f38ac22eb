import { tableFromIPC } from 'apache-arrow';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedVisits } from './seed-visits.ts';
import { startTestServer, type Session, type TestServer } from './test-server.ts';

let t: TestServer;
let press: Session;
// Press may ask for whole calendar months, quarters and years only.
const P = 'from=2024-03-01&to=2024-04-01';

beforeAll(async () => {
  t = await startTestServer();
  // KEG gets 2 visits every third day: small counts everywhere it appears.
  await seedVisits(t.db.db, { offices: ['SRK', 'TDK', 'KEG'], from: '2024-03-01', days: 10 });
  press = await t.login('press');
});
afterAll(async () => { await t?.close(); });

const COUNT_KEYS = new Set(['visits', 'previous', 'statements', 'admitted', 'total']);

/** Every count in a JSON answer, with whether its row said `suppressed`. */
function counts(value: unknown, out: { key: string; v: unknown; row: Record<string, unknown> }[] = []): typeof out {
  if (Array.isArray(value)) value.forEach((v) => counts(v, out));
  else if (value && typeof value === 'object') {
    const row = value as Record<string, unknown>;
    for (const [k, v] of Object.entries(row)) {
      if (COUNT_KEYS.has(k) && (typeof v === 'number' || v === null)) out.push({ key: k, v, row });
      else counts(v, out);
    }
  }
  return out;
}

async function body(path: string, s: Session = press): Promise<string> {
  const res = await t.call(path, { as: s });
  expect(res.status).toBe(200);
  return res.text();
}

describe('press sees suppressed small counts and no personal or raw data', () => {
  it.each(['/api/overview', '/api/topics', '/api/offices/KEG'])('%s: no count 1–4; hidden ones are null with suppressed: true', async (route) => {
    const json = JSON.parse(await body(`${route}?${P}`)) as unknown;
    const all = counts(json);
    expect(all.length).toBeGreaterThan(3);
    expect(all.filter((c) => typeof c.v === 'number' && c.v >= 1 && c.v <= 4)).toEqual([]);
    // Every shown count is rounded to 5.
    expect(all.filter((c) => typeof c.v === 'number' && c.v % 5 !== 0)).toEqual([]);
    // admitted and statements are withheld from press altogether (volumes only), not suppressed.
    const hidden = all.filter((c) => c.v === null && c.key !== 'admitted' && c.key !== 'statements');
    expect(hidden.length).toBeGreaterThan(0);
    for (const h of hidden) expect(h.row.suppressed).toBe(true);
    // 0 stays 0: the previous period holds no visits at all.
    expect(all.some((c) => c.key === 'previous' && c.v === 0)).toBe(true);
  });

  it('the same answer for the department shows the exact small counts', async () => {
    const dept = await t.login('department');
    const all = counts(JSON.parse(await body(`/api/offices/KEG?${P}`, dept)) as unknown);
    expect(all.some((c) => c.v === 2)).toBe(true);
    expect(all.every((c) => c.row.suppressed === false || c.row.suppressed === undefined)).toBe(true);
  });

  it('press CSV and XLSX exports write "<5" for hidden counts and contain no count 1–4', async () => {
    const csv = (await body(`/api/offices/KEG?${P}&format=csv&table=topics`)).replace(/^\uFEFF/, '');
    const [header, ...rows] = csv.trim().split('\r\n');
    expect(header).toBe('category,visits,suppressed');
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.split(',')[1]).toBe('<5');
    const res = await t.call(`/api/topics?${P}&format=xlsx`, { as: press });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const perOffice = wb.getWorksheet('perOffice');
    const values: unknown[] = [];
    perOffice?.eachRow((row, i) => { if (i > 1) values.push(row.getCell(3).value); });
    expect(values).toContain('<5');
    expect(values.filter((v) => typeof v === 'number' && v >= 1 && v <= 4)).toEqual([]);
  });

  it('press Arrow answers keep hidden counts as null beside suppressed = true', async () => {
    const res = await t.call(`/api/offices/KEG?${P}&table=topics`, { as: press, headers: { accept: 'application/vnd.apache.arrow.stream' } });
    const rows = tableFromIPC(new Uint8Array(await res.arrayBuffer())).toArray().map((r) => ({ ...r.toJSON() }));
    const counted = rows.filter((r) => r.visits !== 0);
    expect(counted.length).toBeGreaterThan(0);
    for (const r of counted) expect(r).toMatchObject({ visits: null, suppressed: true });
  });

  it('press gets nothing finer than a month: no daily series, heatmap or days without logs', async () => {
    const overview = JSON.parse(await body(`/api/overview?${P}`)) as { daily: unknown[]; heatmap: unknown[] };
    const page = JSON.parse(await body(`/api/offices/SRK?${P}`)) as { daily: unknown[]; heatmap: unknown[]; daysWithoutLogs: unknown[] };
    expect([overview.daily, overview.heatmap, page.daily, page.heatmap, page.daysWithoutLogs]).toEqual([[], [], [], [], []]);
  });

  it('press may not ask for a day, a week or any range other than a month, quarter or year (400 naming it)', async () => {
    for (const q of ['from=2024-03-01&to=2024-03-11', 'from=2024-03-02&to=2024-04-02', 'from=2024-02-01&to=2024-04-01']) {
      const res = await t.call(`/api/topics?${q}`, { as: press });
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(/press service may ask for a whole calendar month, quarter or year/);
    }
    expect((await t.call('/api/topics?from=2024-01-01&to=2024-04-01', { as: press })).status).toBe(200);
    expect((await t.call('/api/topics?from=2024-03-01&to=2024-03-11', { as: await t.login('department') })).status).toBe(200);
  });

  it('press answers carry no visitor hash, no raw topic text and no durations', async () => {
    const texts = await Promise.all(['/api/overview', '/api/topics', '/api/offices/SRK'].map((r) => body(`${r}?${P}`)));
    for (const text of texts) {
      expect(text).not.toMatch(/[0-9a-f]{64}/);
      expect(text).not.toContain('справка номер');
      expect(text).not.toContain('visitor_hash');
    }
    const overview = JSON.parse(texts[0] ?? '{}') as { durations: unknown; officeDurations: unknown; totals: { admitted: unknown } };
    expect(overview.durations).toBeNull();
    expect(overview.officeDurations).toBeNull();
    expect(overview.totals.admitted).toBeNull();
  });

  it('press may not export visit-level rows; the department export has hashed visitors only', async () => {
    expect((await t.call(`/api/export/visits?${P}`, { as: press })).status).toBe(403);
    const csv = await body(`/api/export/visits?${P}&format=csv`, await t.login('department'));
    const [header, first] = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(header?.split(',')).toEqual(expect.arrayContaining(['visitor_hash', 'iin_status', 'source']));
    expect(header).not.toMatch(/\biin\b,/);
    expect(first).toMatch(/^(SRK|TDK|KEG),/);
    const jsonl = await body(`/api/export/visits?${P}&format=jsonl&office=KEG`, await t.login('admin'));
    const lines = jsonl.trim().split('\n').map((l) => JSON.parse(l) as { office: string });
    expect(lines.length).toBe(8);
    expect(new Set(lines.map((l) => l.office))).toEqual(new Set(['KEG']));
  });
});
