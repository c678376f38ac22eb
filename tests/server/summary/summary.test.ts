import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SummaryResponse } from '../../../server/api/contract.ts';
import { publishedSum } from '../../../server/disclosure/press-cells.ts';
import { LANGS, type Lang } from '../../../domain/labels.ts';
import { largestRemainder } from '../../../domain/largest-remainder.ts';
import { seedYear } from '../seed-year.ts';
import { coverAllOffices } from '../seed-visits.ts';
import { startTestServer, type Session, type TestServer } from '../test-server.ts';

/**
 * GET /api/summary against raw SQL: every figure in the text (total, change, top shares) is
 * recomputed here from `visits` — for press by the disclosure method (month cells rounded to 5 and
 * summed), for the department exactly — and looked for in the sentence, in ru, kk and en.
 */
let t: TestServer;
let press: Session;
let dept: Session;
const OFFICES = ['TDK', 'KPG', 'AKS', 'KEG'];
const LOCALE: Record<Lang, string> = { ru: 'ru-KZ', kk: 'kk-KZ', en: 'en-GB' };
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const int = (lang: Lang, n: number) => plain(new Intl.NumberFormat(LOCALE[lang]).format(n));
const pct = (lang: Lang, p: number) => plain(new Intl.NumberFormat(LOCALE[lang], { style: 'percent', maximumFractionDigits: 0 }).format(p / 100));

beforeAll(async () => {
  t = await startTestServer();
  // KEG (0.5 a day) has hidden categories every month; nothing before April: April is not comparable.
  await seedYear(t.db.db, { year: 2026, offices: OFFICES, from: '2026-04-01', to: '2026-12-03' });
  // Logs received for every office of the registry from April to 2 December (the other offices had
  // no visits): every office is covered for whole months, so the oblast's changes are like for like
  // over all offices (contract §8) and raw SQL over all of `visits` is the like-for-like sum.
  await coverAllOffices(t.db.db, '2026-04-01', '2026-12-02');
  press = await t.login('press');
  dept = await t.login('department');
}, 300_000);
afterAll(async () => { await t?.close(); });

async function summary(q: string, as: Session): Promise<SummaryResponse> {
  const res = await t.call(`/api/summary?${q}`, { as });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as SummaryResponse;
}

/** Raw counts per office × category × month of [from, to), optionally one office. */
async function cells(from: string, to: string, office?: string): Promise<{ category: string; n: number }[]> {
  const r = await sql<{ office: string; category: string; month: string; n: number }>`
    select office_code as office, category, date_trunc('month', arrival_date)::date::text as month, count(*)::int as n from visits
    where arrival_date >= ${from}::date and arrival_date < ${to}::date and (${office ?? null}::text is null or office_code = ${office ?? null})
    group by 1, 2, 3`.execute(t.db.db);
  return r.rows;
}
const pressSum = (rows: { n: number }[]) => publishedSum(rows.map((r) => r.n));

describe('press summary of a normal month (November 2026, the oblast)', () => {
  it.each(LANGS)('%s: total, change against October and top shares match raw SQL', async (lang) => {
    const s = await summary(`from=2026-11-01&to=2026-12-01&lang=${lang}`, press);
    const now = await cells('2026-11-01', '2026-12-01');
    const before = await cells('2026-10-01', '2026-11-01');
    const total = pressSum(now) ?? -1;
    const previous = pressSum(before) ?? -1;
    expect(s.figures.total).toBe(total);
    expect(s.comparison?.comparable).toBe(true);
    expect(s.comparison?.officesLeftOut).toEqual([]);
    expect([s.comparison?.current, s.comparison?.previous]).toEqual([total, previous]);
    const change = Math.round(Math.abs(total / previous - 1) * 100);
    const byCat = new Map<string, { n: number }[]>();
    for (const r of now) byCat.set(r.category, [...(byCat.get(r.category) ?? []), r]);
    const catSums = [...byCat.entries()].map(([c, rows]) => ({ c, v: pressSum(rows) }));
    const shown = catSums.filter((x) => x.v !== null).sort((a, b) => (b.v ?? 0) - (a.v ?? 0));
    const anyHidden = catSums.some((x) => x.v === null);
    const percents = largestRemainder([...shown.map((x) => x.v ?? 0), ...(anyHidden ? [Math.max(0, total - shown.reduce((a, x) => a + (x.v ?? 0), 0))] : [])]);
    expect(s.figures.categories.filter((c) => !c.suppressed).map((c) => c.percent)).toEqual(percents.slice(0, shown.length));
    expect(percents.reduce((a, b) => a + b)).toBe(100);
    const text = plain(s.text);
    const lead = { ru: `Алматинская область: в ноябре 2026 года зарегистрировано около ${int('ru', total)} обращений — на ${pct('ru', change)} ${total < previous ? 'меньше' : 'больше'}, чем в октябре 2026 года.`,
      kk: `Алматы облысы: 2026 жылғы қарашада шамамен ${int('kk', total)} жүгіну тіркелді, бұл 2026 жылғы қазанға қарағанда ${pct('kk', change)}-ға ${total < previous ? 'аз' : 'көп'}.`,
      en: `Almaty oblast: about ${int('en', total)} visits in November 2026, ${pct('en', change)} ${total < previous ? 'fewer' : 'more'} than in October 2026.` }[lang];
    expect(text.startsWith(lead), text).toBe(true);
    const top = s.figures.categories.find((c) => c.category !== 'unspecified' && !c.suppressed);
    expect(text).toContain(`(${pct(lang, top?.percent ?? -1)})`);
    // The lead topic is below half: no «most».
    expect(text).not.toMatch(/Большинство|көпшілігі|Most /);
    expect(s.figures.method).toMatch(/5/);
  });
});

describe('an office with hidden categories (KEG, November, press)', () => {
  it.each(LANGS)('%s: hidden categories are named nowhere in the text and the labels still add up to 100', async (lang) => {
    const s = await summary(`from=2026-11-01&to=2026-12-01&office=KEG&lang=${lang}`, press);
    const hidden = s.figures.categories.filter((c) => c.suppressed);
    expect(hidden.length).toBeGreaterThan(0);
    for (const c of hidden) expect([c.visits, c.percent]).toEqual([null, null]);
    const labels = [...s.figures.categories.map((c) => c.percent ?? 0), s.figures.hiddenPercent ?? 0];
    expect(labels.reduce((a, b) => a + b)).toBe(s.figures.total ? 100 : 0);
    expect(s.figures.total).toBe(pressSum(await cells('2026-11-01', '2026-12-01', 'KEG')));
    expect(s.figures.scope).toBe({ ru: 'Кегенский РОП', kk: 'Кеген', en: 'Kegen' }[lang]);
    // No sum that leaves hidden cells out: the total is the method's, not the sum of shown cells.
    expect(s.text.startsWith(`${s.figures.scope}: `)).toBe(true);
  });
});

describe('a single day (department; press may not ask for one)', () => {
  it.each([
    ['ru', (n: number) => `2 декабря 2026 года зарегистрировано ${n} ${new Intl.PluralRules('ru').select(n) === 'one' ? 'обращение' : new Intl.PluralRules('ru').select(n) === 'few' ? 'обращения' : 'обращений'}`],
    ['kk', (n: number) => `2026 жылғы 2 желтоқсанда ${n} жүгіну тіркелді`],
    ['en', (n: number) => `${n} ${n === 1 ? 'visit' : 'visits'} on 2 December 2026`],
  ] as const)('%s: the exact count of 2 December 2026 from raw SQL, the day written out', async (lang, phrase) => {
    const s = await summary(`from=2026-12-02&to=2026-12-03&lang=${lang}`, dept);
    const n = (await cells('2026-12-02', '2026-12-03')).reduce((a, r) => a + r.n, 0);
    expect(n).toBeGreaterThan(0);
    expect(s.figures.total).toBe(n);
    expect(plain(s.text)).toContain(phrase(n));
    expect(s.figures.method).toBeNull();
    expect((await t.call(`/api/summary?from=2026-12-02&to=2026-12-03&lang=${lang}`, { as: press })).status).toBe(400);
  });
});

describe('a quarter (III 2026, press) against the previous quarter', () => {
  it.each([
    ['ru', 'в III квартале 2026 года', 'чем во II квартале 2026 года'],
    ['kk', '2026 жылғы III тоқсанда', '2026 жылғы II тоқсанға қарағанда'],
    ['en', 'in the third quarter of 2026', 'than in the second quarter of 2026'],
  ] as const)('%s', async (lang, when, than) => {
    const s = await summary(`from=2026-07-01&to=2026-10-01&lang=${lang}`, press);
    const total = pressSum(await cells('2026-07-01', '2026-10-01')) ?? -1;
    const previous = pressSum(await cells('2026-04-01', '2026-07-01')) ?? -1;
    expect(s.comparison?.officesLeftOut).toEqual([]);
    expect([s.figures.total, s.comparison?.current, s.comparison?.previous]).toEqual([total, total, previous]);
    const text = plain(s.text);
    expect(text).toContain(when);
    expect(text).toContain(than);
    expect(text).toContain(pct(lang, Math.round(Math.abs(total / previous - 1) * 100)));
  });
});

describe('a period that is not comparable (April 2026: nothing loaded before it)', () => {
  it.each(LANGS)('%s: no percentage change anywhere, and the text says why', async (lang) => {
    const s = await summary(`from=2026-04-01&to=2026-05-01&lang=${lang}`, press);
    expect(s.comparison).toMatchObject({ comparable: false, change: null });
    const [first] = plain(s.text).split('. ');
    expect(first).not.toMatch(/%/);
    expect(s.text).toContain({ ru: 'Сравнение с предыдущим периодом не приводится', kk: 'Алдыңғы кезеңге қарағанда өзгеріс келтірілмейді', en: 'No comparison with the previous period is given' }[lang]);
  });
});

describe('the publishable downloads', () => {
  it('CSV in Kazakh: names, numeric counts, percentages, period, source and method; hidden = empty cell + «<5» note', async () => {
    const res = await t.call('/api/summary?from=2026-11-01&to=2026-12-01&office=KEG&lang=kk&format=csv', { as: press });
    expect(res.headers.get('content-disposition')).toMatch(/kk\.csv/);
    const lines = (await res.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Өңір немесе офис,Санат,Жүгіну саны,"Үлесі, %",Ескертпе');
    const rows = lines.slice(1, lines.indexOf(''));
    expect(rows.length).toBeGreaterThan(1);
    for (const r of rows) {
      const [scope, category, visits, percent, note] = r.split(',');
      expect(scope).toBe('Кеген');
      expect(category).not.toMatch(/^[a-z_]+$/);
      if (note === '<5') expect(visits).toBe('');
      else expect(Number(visits) % 5).toBe(0);
      if (percent !== '') expect(Number.isInteger(Number(percent))).toBe(true);
    }
    const tail = lines.slice(lines.indexOf('') + 1).join('\n');
    expect(tail).toContain('Кезең: 01.11.2026–30.11.2026');
    expect(tail).toContain('Дереккөз:');
    expect(tail).toContain('5-тен аз мәндер жасырылған');
  });

  it('XLSX in Russian opened with exceljs: sheet names, numbers stay numbers, percent format, period and method rows', async () => {
    const res = await t.call('/api/summary?from=2026-11-01&to=2026-12-01&lang=ru&format=xlsx', { as: press });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Категории', 'По офисам']);
    const ws = wb.getWorksheet('Категории');
    expect(ws?.getCell('A1').value).toBe('С чем обращались в полицию');
    expect(String(ws?.getCell('A2').value)).toBe('Алматинская область · Период: 01.11.2026–30.11.2026');
    expect(ws?.getRow(4).values).toEqual([undefined, 'Категория', 'Обращений', 'Доля, %', 'Примечание']);
    let numeric = 0;
    let percentSum = 0;
    ws?.eachRow((row, i) => {
      if (i <= 4) return;
      const visits = row.getCell(2).value;
      const share = row.getCell(3).value;
      if (typeof visits === 'number') { numeric++; expect(visits % 5).toBe(0); }
      if (typeof share === 'number') { expect(row.getCell(3).numFmt).toBe('0%'); if (row.getCell(1).value !== 'Всего') percentSum += share; }
      if (row.getCell(4).value === '<5') expect(visits).toBeNull();
    });
    expect(numeric).toBeGreaterThan(3);
    expect(Math.round(percentSum * 100)).toBe(100);
    const texts: string[] = [];
    ws?.eachRow((row) => texts.push(String(row.getCell(1).value ?? '')));
    expect(texts).toContain('Значения меньше 5 скрыты («<5»), остальные числа округлены до 5; доли и изменения рассчитаны по округлённым числам.');
    const per = wb.getWorksheet('По офисам');
    expect(per?.getRow(1).values).toEqual([undefined, 'Офис', 'Категория', 'Обращений', 'Примечание']);
    const offices = new Set<string>();
    per?.eachRow((row, i) => { if (i > 1 && typeof row.getCell(3).value !== 'string') offices.add(String(row.getCell(1).value)); });
    expect(offices).toContain('ГОП Талдыкорган');
  });

  it('the text file carries the paragraph, the period, the source and the method', async () => {
    const res = await t.call('/api/summary?from=2026-11-01&to=2026-12-01&lang=en&format=txt', { as: press });
    const body = await res.text();
    const json = await summary('from=2026-11-01&to=2026-12-01&lang=en', press);
    expect(body.split('\n')[0]).toBe(json.text);
    expect(body).toContain('Period: 01.11.2026–30.11.2026');
    expect(body).toContain('Source: visit logs of the police front offices');
    expect(body).toContain('Values below 5 are hidden');
  });
});
