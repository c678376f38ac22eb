import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextMonth } from '../../domain/calendar.ts';
import { CATEGORIES, type Category } from '../../domain/categories.ts';
import type { OfficePageResponse, OverviewResponse, TopicsResponse } from '../../server/api/contract.ts';
import { seedYear } from './seed-year.ts';
import { coverAllOffices } from './seed-visits.ts';
import { startTestServer, type Session, type TestServer } from './test-server.ts';

/**
 * The attack on disclosure control (data contract §7): as press, take every table press can get for
 * every month, quarter and the year, for the whole oblast and for every office, and try to recover
 * the hidden (1–4) cells exactly. Every published figure is a linear constraint on the true counts
 * office × category × day; the attacker intersects them all by interval propagation to a fixpoint,
 * which performs (a) row/column subtraction in every table, (b) a quarter or the year minus its
 * months, (c) overview totals minus topic cells, and every chain of these. (d) Overlapping periods
 * are refused to press (400). The true counts come from `visits`; the test fails if a hidden cell's
 * possible values collapse to one, or if the attacker's reasoning ever excludes the truth (soundness).
 */
const YEAR = 2025;
let t: TestServer;
let press: Session;
let OFFICES: string[] = [];
const DAYS = 365;
const dayIndex = (day: string) => Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${YEAR}-01-01T00:00:00Z`)) / 86_400_000);
const dayOf = (i: number) => new Date(Date.parse(`${YEAR}-01-01T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await startTestServer();
  OFFICES = (await t.db.db.selectFrom('offices').select('code').orderBy('code').execute()).map((r) => r.code);
  await seedYear(t.db.db, { year: YEAR, offices: OFFICES });
  // Logs received for every office over the whole year: no period is cut at completeTo, so the
  // attacker's base cells are whole months (a cut month would be a base cell of its own).
  await coverAllOffices(t.db.db, `${YEAR}-01-01`, `${YEAR}-12-31`);
  press = await t.login('press');
}, 400_000);
afterAll(async () => { await t?.close(); });

interface Constraint { vars: number[]; lo: number; hi: number; hidden: boolean; family: 'a' | 'b' | 'c' }

/** What a published figure says about the truth: 0 exact, null 1–4, 5 → 5–7, X → X±2. */
function bounds(v: number | null): [number, number] {
  if (v === null) return [1, 4];
  if (v === 0) return [0, 0];
  if (v === 5) return [5, 7];
  return [v - 2, v + 2];
}

function periods(): { from: string; to: string; kind: 'month' | 'quarter' | 'year' }[] {
  const m = (i: number) => `${YEAR + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`;
  return [
    ...Array.from({ length: 12 }, (_, i) => ({ from: m(i), to: m(i + 1), kind: 'month' as const })),
    ...Array.from({ length: 4 }, (_, q) => ({ from: m(q * 3), to: m(q * 3 + 3), kind: 'quarter' as const })),
    { from: m(0), to: m(12), kind: 'year' as const },
  ];
}

describe('disclosure control holds against differencing (press, a seeded year, every office)', () => {
  it('recovers no hidden cell exactly: row/column subtraction, quarter − months, overview − topics; overlapping periods refused', async () => {
    const O = OFFICES.length;
    const C = CATEGORIES.length;
    const v = (o: number, c: number, d: number) => (o * C + c) * DAYS + d;
    const catIx = new Map<Category, number>(CATEGORIES.map((c, i) => [c, i]));
    const offIx = new Map(OFFICES.map((o, i) => [o, i]));
    const cons: Constraint[] = [];
    const days = (from: string, to: string) => {
      const out: number[] = [];
      for (let d = Math.max(0, dayIndex(from)); d < Math.min(DAYS, dayIndex(to)); d++) out.push(d);
      return out;
    };
    const cells = (offs: readonly number[], cats: readonly number[], ds: readonly number[]) => {
      const out: number[] = [];
      for (const o of offs) for (const c of cats) for (const d of ds) if (o >= 0 && c >= 0) out.push(v(o, c, d));
      return out;
    };
    const add = (vars: number[], value: number | null, family: Constraint['family']) => {
      const [lo, hi] = bounds(value);
      cons.push({ vars, lo, hi, hidden: value === null, family });
    };
    const allC = CATEGORIES.map((_, i) => i);
    const get = async <T>(path: string): Promise<T> => {
      const res = await t.call(path, { as: press });
      expect(res.status, path).toBe(200);
      return (await res.json()) as T;
    };
    let requests = 0;
    for (const p of periods()) {
      for (const scope of [null, ...OFFICES]) {
        const offs = scope === null ? OFFICES.map((_, i) => i) : [offIx.get(scope) ?? -1];
        const q = `from=${p.from}&to=${p.to}${scope ? `&office=${scope}` : ''}`;
        const fam = p.kind === 'month' ? 'a' : 'b';
        const topics = await get<TopicsResponse>(`/api/topics?${q}`);
        requests++;
        expect(topics.period, q).toEqual({ from: p.from, to: p.to });
        const pd = days(p.from, p.to);
        // Changes are like for like (contract §8): `compared` (this period) and `previous` are sums
        // over the filter's offices covered for the whole of both periods, `visits` over all of them.
        const alikeOf = (cmp: { offices: readonly string[] }, of: readonly number[]) => {
          const alike = new Set(cmp.offices);
          return of.filter((o) => alike.has(OFFICES[o] ?? ''));
        };
        const tAlike = alikeOf(topics.comparison, offs);
        add(cells(offs, allC, pd), topics.total, fam);
        const seenCat = new Set<number>();
        for (const c of topics.categories) {
          const ci = catIx.get(c.category) ?? -1;
          seenCat.add(ci);
          add(cells(offs, [ci], pd), c.visits, fam);
          add(cells(tAlike, [ci], pd), c.compared, fam);
          add(cells(tAlike, [ci], days(topics.previous.from, topics.previous.to)), c.previous, fam);
        }
        for (const ci of allC) if (!seenCat.has(ci)) add(cells(offs, [ci], pd), 0, fam);
        const seenCell = new Set<string>();
        for (const r of topics.perOffice) {
          seenCell.add(`${r.office}|${r.category}`);
          add(cells([offIx.get(r.office) ?? -1], [catIx.get(r.category) ?? -1], pd), r.visits, fam);
        }
        for (const o of offs) for (const ci of allC) if (!seenCell.has(`${OFFICES[o]}|${CATEGORIES[ci]}`)) add(cells([o], [ci], pd), 0, fam);
        const seenTrend = new Set<string>();
        for (const r of topics.trend) {
          seenTrend.add(`${r.bucket}|${r.category}`);
          const from = r.bucket < p.from ? p.from : r.bucket;
          const end = topics.granularity === 'month' ? dayIndex(nextMonth(r.bucket)) : dayIndex(r.bucket) + (topics.granularity === 'day' ? 1 : 7);
          const to = dayOf(Math.min(end, dayIndex(p.to)));
          add(cells(offs, [catIx.get(r.category) ?? -1], days(from, to)), r.visits, fam);
        }
        if (topics.granularity === 'day') {
          for (const d of pd) for (const ci of allC) if (!seenTrend.has(`${dayOf(d)}|${CATEGORIES[ci]}`)) add(cells(offs, [ci], [d]), 0, fam);
        }

        // An answer's totals: the period, the like-for-like part of it, and the period it is set against.
        const addTotals = (a: Pick<OverviewResponse, 'comparison' | 'previous'> & { totals: Pick<OverviewResponse['totals'], 'visits' | 'compared' | 'previous'> }) => {
          const alike = alikeOf(a.comparison, offs);
          add(cells(offs, allC, pd), a.totals.visits, 'c');
          add(cells(alike, allC, pd), a.totals.compared, 'c');
          add(cells(alike, allC, days(a.previous.from, a.previous.to)), a.totals.previous, 'c');
        };
        const overview = await get<OverviewResponse>(`/api/overview?${q}`);
        requests++;
        expect(overview.period, q).toEqual({ from: p.from, to: p.to });
        addTotals(overview);
        for (const r of overview.perOffice) {
          const o = offIx.get(r.office) ?? -1;
          if (o < 0) continue;
          add(cells([o], allC, pd), r.visits, 'c');
          add(cells([o], allC, days(overview.previous.from, overview.previous.to)), r.previous, 'c');
        }
        // Press gets no daily series or heatmap (finer than a month); were any sent, they would count here.
        for (const r of overview.daily) add(cells(offs, allC, [dayIndex(r.day)]), r.visits, 'c');
        expect(overview.daily).toEqual([]);
        expect(overview.heatmap).toEqual([]);

        if (scope !== null) {
          const page = await get<OfficePageResponse>(`/api/offices/${scope}?from=${p.from}&to=${p.to}`);
          requests++;
          expect(page.period, q).toEqual({ from: p.from, to: p.to });
          addTotals(page);
          for (const r of page.topics) add(cells(offs, [catIx.get(r.category as Category) ?? -1], pd), r.visits, 'c');
          for (const r of page.daily) add(cells(offs, allC, [dayIndex(r.day)]), r.visits, 'c');
        }
      }
    }

    // (d) Overlapping or partial periods are refused to press, so there is nothing to subtract.
    const overlapping = [['2025-11-15', '2025-12-15'], ['2025-01-01', '2025-02-15'], ['2025-03-02', '2025-04-01'], ['2025-06-01', '2025-06-02']];
    for (const [from, to] of overlapping) {
      for (const route of ['/api/topics', '/api/overview', '/api/offices/TDK', '/api/summary']) {
        const res = await t.call(`${route}?from=${from}&to=${to}`, { as: press });
        expect(res.status, `${route} ${from}–${to}`).toBe(400);
        expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/calendar month, quarter or year/);
      }
    }

    // The truth, from visits: office × category × day, and its month cells.
    const truth = new Int32Array(O * C * DAYS);
    const rows = await sql<{ office: string; category: Category; day: string; n: number }>`
      select office_code as office, category, to_char(arrival_date, 'YYYY-MM-DD') as day, count(*)::int as n
      from visits group by 1, 2, 3`.execute(t.db.db);
    for (const r of rows.rows) truth[v(offIx.get(r.office) ?? 0, catIx.get(r.category) ?? 0, dayIndex(r.day))] = r.n;
    // The attacker knows the method (Kerckhoffs): a published figure is the sum over its base cells
    // (office × category × month) of each cell rounded to 5, with 1–4 hidden. Its unknowns are the
    // base cells; it reasons on k = rounded/5 by interval propagation to a fixpoint, then reads each
    // hidden cell's possible true values from its k and its own status.
    const M = 12;
    // Looked up, not computed: it is asked once for every day of every published figure (millions).
    const MONTH_OF_DAY = Int8Array.from({ length: DAYS }, (_, d) => Number(dayOf(d).slice(5, 7)) - 1);
    const monthOfDay = (d: number) => MONTH_OF_DAY[d] ?? 0;
    const base = (x: number) => { const d = x % DAYS; const oc = (x - d) / DAYS; return oc * M + monthOfDay(d); };
    const N = O * C * M;
    const trueCell = new Int32Array(N);
    for (let x = 0; x < truth.length; x++) trueCell[base(x)] = (trueCell[base(x)] ?? 0) + (truth[x] ?? 0);
    const status = new Int8Array(N).fill(-1); // -1 unknown, 0 zero, 1 hidden, 2 shown
    const kLo = new Float64Array(N);
    const kHi = new Float64Array(N).fill(1e6);
    const sums: { vars: number[]; k: number | null }[] = [];
    for (const k of cons) {
      const vars = [...new Set(k.vars.map(base))];
      const value = k.hidden ? null : k.lo === 0 && k.hi === 0 ? 0 : k.lo === 5 && k.hi === 7 ? 5 : k.lo + 2;
      if (value === 0) for (const x of vars) { status[x] = 0; kHi[x] = 0; }
      if (vars.length === 1) {
        const x = vars[0] ?? 0;
        if (value === null) { status[x] = 1; kHi[x] = Math.min(kHi[x] ?? 1, 1); }
        else if (value > 0) status[x] = 2;
      }
      sums.push({ vars, k: value === null ? null : value / 5 });
    }
    // Each published figure is the method applied to the truth of its base cells.
    let wrong = 0;
    for (const { vars, k } of sums) {
      const kSum = vars.reduce((a, x) => a + Math.round((trueCell[x] ?? 0) / 5), 0);
      const ok = k === null ? kSum <= 1 : kSum === k;
      if (!ok) wrong++;
    }
    expect(wrong).toBe(0);
    let tried = 0;
    for (let round = 0; round < 50; round++) {
      let changed = false;
      for (const { vars, k } of sums) {
        // A hidden sum is at most 5: Σk ≤ 1.
        const lo = k ?? 0;
        const hi = k ?? 1;
        let sLo = 0;
        let sHi = 0;
        for (const x of vars) { sLo += kLo[x] ?? 0; sHi += kHi[x] ?? 0; }
        for (const x of vars) {
          tried++;
          const nLo = Math.max(kLo[x] ?? 0, lo - (sHi - (kHi[x] ?? 0)));
          const nHi = Math.min(kHi[x] ?? 0, hi - (sLo - (kLo[x] ?? 0)));
          if (nLo > (kLo[x] ?? 0)) { sLo += nLo - (kLo[x] ?? 0); kLo[x] = nLo; changed = true; }
          if (nHi < (kHi[x] ?? 0)) { sHi -= (kHi[x] ?? 0) - nHi; kHi[x] = nHi; changed = true; }
        }
      }
      if (!changed) break;
    }
    let unsound = 0;
    let hiddenCells = 0;
    let recoveredCells = 0;
    for (let x = 0; x < N; x++) {
      const n = trueCell[x] ?? 0;
      const kTrue = Math.round(n / 5);
      if (kTrue < (kLo[x] ?? 0) || kTrue > (kHi[x] ?? 0)) unsound++;
      const [sLo, sHi] = status[x] === 0 ? [0, 0] : status[x] === 1 ? [1, 4] : status[x] === 2 ? [5, 1e9] : [0, 1e9];
      const lo = Math.max(sLo, 5 * (kLo[x] ?? 0) - 2);
      const hi = Math.min(sHi, 5 * (kHi[x] ?? 0) + 2);
      if (n < lo || n > hi) unsound++;
      if (n >= 1 && n <= 4) { hiddenCells++; if (lo === hi) recoveredCells++; }
    }
    // Every press figure is a sum of rounded base cells (else the truth would break a constraint).
    expect(unsound).toBe(0);
    const hidden = cons.filter((k) => k.hidden);
    const byFamily = { a: 0, b: 0, c: 0 };
    for (const k of hidden) byFamily[k.family]++;
    console.log(`disclosure attack: ${requests} press answers, ${cons.length} published figures, ${hidden.length} of them hidden `
      + `(a: ${byFamily.a} in month tables, b: ${byFamily.b} in quarter/year tables, c: ${byFamily.c} in overview/office pages); `
      + `${tried} subtractions tried, ${overlapping.length * 4} overlapping-period requests refused; `
      + `recovered exactly: ${recoveredCells} of ${hiddenCells} office × category × month counts of 1–4`);
    expect(hidden.length).toBeGreaterThan(1000);
    expect(hiddenCells).toBeGreaterThan(500);
    expect(recoveredCells).toBe(0);
  }, 600_000);
});
