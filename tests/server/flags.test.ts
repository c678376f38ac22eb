import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actOnFlag } from '../../sql/compliance/flag-actions.ts';
import { refreshFlagsForMonths } from '../../sql/compliance/flags.ts';
import { evidenceEn } from '../../domain/evidence.ts';
import type { Lang } from '../../domain/labels.ts';
import { evidenceLines } from '../../web/i18n/evidence/index.ts';
import { withLang } from '../../web/i18n/lang.ts';
import type { ComplianceResponse, FlagDetailResponse, FlagsResponse } from '../../server/api/contract.ts';
import { seedInspection } from '../compliance/seed.ts';
import { seedVisits } from './seed-visits.ts';
import { startTestServer, type Session, type TestServer } from './test-server.ts';

const TODAY = '2024-06-10';
let t: TestServer;
let inspector: Session;
beforeAll(async () => {
  t = await startTestServer({ today: () => TODAY });
  // The seed delays admission by up to 15 minutes: p90 is well over the 5-minute threshold, every month.
  await seedVisits(t.db.db, { offices: ['SRK', 'TDK', 'KEG', 'AKS'], from: '2024-03-01', days: 92 });
  await seedInspection(t.db.db, { office: 'SRK', at: '2024-04-10 11:00', inspector: 'Ахметов', bars_on_windows: true, bars_on_doors: false });
  await refreshFlagsForMonths(t.db.db, ['2024-03', '2024-04', '2024-05'], 'test', { today: TODAY });
  // KEG's case got a deadline that has passed since.
  const keg = await t.db.db.selectFrom('flags').select('id').where('office_code', '=', 'KEG').where('rule', '=', 'no_pass_delay').executeTakeFirstOrThrow();
  await actOnFlag(t.db.db, { flagId: keg.id, action: 'set_deadline', deadline: '2024-06-05', actor: 'inspector', today: '2024-06-01' });
  const tdk = await t.db.db.selectFrom('flags').select('id').where('office_code', '=', 'TDK').where('rule', '=', 'no_pass_delay').executeTakeFirstOrThrow();
  await actOnFlag(t.db.db, { flagId: tdk.id, action: 'set_deadline', deadline: '2024-07-01', actor: 'inspector', today: TODAY });
  inspector = await t.login('inspector');
});
afterAll(async () => { await t?.close(); });

const list = async (query: string): Promise<FlagsResponse> => {
  const res = await t.call(`/api/flags?${query}`, { as: inspector });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as FlagsResponse;
};
const post = (id: number, body: object) => t.call(`/api/flags/${id}/actions`, {
  method: 'POST', as: inspector, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
});

describe('the inspector\'s work list', () => {
  it('filters by rule and status: one case per office spanning its months, with counts per status', async () => {
    const r = await list('rule=no_pass_delay&status=open');
    expect(r.flags.map((f) => f.office).sort()).toEqual(['AKS', 'KEG', 'SRK', 'TDK']);
    for (const f of r.flags) expect(f.months).toEqual(['2024-03-01', '2024-04-01', '2024-05-01']);
    expect(r).toMatchObject({ total: 4, page: 1, pageSize: 25, counts: { open: 4, confirmed: 0, dismissed: 0, resolved: 0, overdue: 1 } });
    const bars = await list('office=SRK&rule=no_bars');
    expect(bars.flags.map((f) => [f.months, f.value, f.threshold])).toEqual([[['2024-04-01', '2024-05-01'], 1, 0]]);
    expect(bars.flags[0]!.actions).toEqual(['confirm', 'dismiss', 'set_deadline', 'resolve', 'comment']);
  });

  it('applies the month and the period filter: cases covering them', async () => {
    expect((await list('month=2024-03-15&rule=no_bars')).total).toBe(0);
    expect((await list('month=2024-04-01&rule=no_bars')).total).toBe(1);
    expect((await list('from=2024-03-01&to=2024-04-01&rule=no_pass_delay')).total).toBe(4);
    expect((await list('from=2024-02-01&to=2024-04-01&rule=no_bars')).total).toBe(0);
    expect((await list('from=2024-05-01&to=2024-06-01&rule=no_bars')).total).toBe(1);
    expect((await list('from=2024-06-01&to=2024-07-01')).total).toBe(0);
    const bad = await t.call('/api/flags?from=2024-06-01', { as: inspector });
    expect(bad.status).toBe(400);
  });

  it('puts overdue cases first, then sorts by age, deadline or office', async () => {
    const byOffice = await list('rule=no_pass_delay&sort=office');
    expect(byOffice.flags.map((f) => f.office)).toEqual(['KEG', 'AKS', 'SRK', 'TDK']);
    expect(byOffice.flags.map((f) => f.overdue)).toEqual([true, false, false, false]);
    const byDeadline = await list('rule=no_pass_delay&sort=deadline');
    expect(byDeadline.flags.map((f) => [f.office, f.deadline])).toEqual([['KEG', '2024-06-05'], ['TDK', '2024-07-01'], ['AKS', null], ['SRK', null]]);
    // Oldest first: SRK's bars case was opened with April, after its March cases.
    const byAge = await list('office=SRK&sort=age');
    expect(byAge.flags.at(-1)!.rule).toBe('no_bars');
    expect(byAge.flags.map((f) => f.openedAt)).toEqual(byAge.flags.map((f) => f.openedAt).sort());
  });

  it('pages on the server', async () => {
    const p1 = await list('rule=no_pass_delay&sort=office&pageSize=3&page=1');
    const p2 = await list('rule=no_pass_delay&sort=office&pageSize=3&page=2');
    expect(p1.flags.map((f) => f.office)).toEqual(['KEG', 'AKS', 'SRK']);
    expect(p2.flags.map((f) => f.office)).toEqual(['TDK']);
    expect(p2).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect((await list('rule=no_pass_delay&pageSize=3&page=9')).flags).toEqual([]);
    expect((await t.call('/api/flags?pageSize=500', { as: inspector })).status).toBe(400);
  });

  it('exports the whole filtered list as CSV and XLSX, not just the page', async () => {
    const csv = await t.call('/api/flags?rule=no_pass_delay&pageSize=1&format=csv', { as: inspector });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^\uFEFF?id,office,rule,status,months,opened_at,deadline,overdue,closed_on,value,threshold,evidence$/);
    expect(lines).toHaveLength(5);
    expect(lines.find((l) => l.includes(',KEG,'))).toMatch(/,open,2024-03 2024-04 2024-05,.*,2024-06-05,true,/);
    const xlsx = await t.call('/api/flags?format=xlsx', { as: inspector });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-disposition')).toMatch(/cases\.xlsx/);
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
  });

  it('writes the export\'s evidence as a finding in the request\'s language, worded as the page words it', async () => {
    const exported = async (query: string): Promise<string> => {
      const res = await t.call(`/api/flags?${query}&format=csv`, { as: inspector });
      expect(res.status).toBe(200);
      const [, row] = (await res.text()).trim().split(/\r?\n/);
      return /,"([^"]*)"$/.exec(row ?? '')?.[1] ?? '';
    };
    /** The evidence as the case's panel shows it in that language (web/views/compliance/flag-panel.ts). */
    const onPage = async (office: string, rule: string, lang: Lang): Promise<string> => {
      const [f] = (await list(`office=${office}&rule=${rule}`)).flags;
      const d = (await (await t.call(`/api/flags/${f!.id}`, { as: inspector })).json()) as FlagDetailResponse;
      return withLang(lang, () => evidenceLines(d.evidence.lines, d.evidence.evidence_items)).join('; ');
    };
    const bars = await exported('office=SRK&rule=no_bars&lang=ru');
    expect(bars).toBe('Решётки на окнах: есть (проверка 10.04.2024, инспектор Ахметов) — по приказу: не допускаются; '
      + 'Решётки на дверях: нет (проверка 10.04.2024, инспектор Ахметов) — по приказу: не допускаются');
    expect(bars).toBe(await onPage('SRK', 'no_bars', 'ru'));
    const delayKk = await exported('office=KEG&rule=no_pass_delay&lang=kk');
    expect(delayKk).toMatch(/^p90 13,4 мин, норматив 5 мин; ең ұзағы 14,9 мин, 233 келуші кіргізілді; 233 кіргізілген келушіден 150 келуші 5 минуттан ұзақ күтті/);
    expect(delayKk).not.toMatch(/\b(min|admitted|threshold|visits)\b/);
    expect(delayKk).toBe(await onPage('KEG', 'no_pass_delay', 'kk'));
    expect(await exported('office=KEG&rule=no_pass_delay&lang=ru')).toMatch(/^p90 13,4 мин при нормативе 5 мин; максимум 14,9 мин, принято 233 посетителя; 150 из 233 принятых ждали дольше 5 мин/);
    expect(await exported('office=SRK&rule=no_bars&lang=en')).toBe(await onPage('SRK', 'no_bars', 'en'));
    // The XLSX carries the same words.
    const xlsx = await t.call('/api/flags?office=SRK&rule=no_bars&format=xlsx&lang=kk', { as: inspector });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('flags');
    const head = (sheet?.getRow(1).values as unknown[]) ?? [];
    expect(sheet?.getRow(2).getCell(head.indexOf('evidence')).value).toBe(await onPage('SRK', 'no_bars', 'kk'));
    expect(String(sheet?.getRow(2).getCell(head.indexOf('evidence')).value)).toMatch(/^Терезедегі тор: бар \(тексеру 10\.04\.2024, инспектор Ахметов\) — бұйрық бойынша: рұқсат етілмейді; /);
  });
});

describe('one case', () => {
  it('opens the case covering a month from the matrix, with that month\'s evidence', async () => {
    const found = await (await t.call('/api/flags/covering?office=SRK&rule=no_pass_delay&month=2024-04-01', { as: inspector })).json() as { id: number };
    expect(found.id).toBeGreaterThan(0);
    const none = await (await t.call('/api/flags/covering?office=SRK&rule=no_bars&month=2024-03-01', { as: inspector })).json() as { id: number | null };
    expect(none.id).toBeNull();
    const res = await t.call(`/api/flags/${found.id}?month=2024-04-01`, { as: inspector });
    const text = await res.text();
    const detail = JSON.parse(text) as FlagDetailResponse;
    expect(detail.evidenceMonth).toBe('2024-04-01');
    expect(detail.evidence.visits[0]?.arrivedAt.slice(0, 7)).toBe('2024-04');
    expect(detail.evidence.visits[0]?.source).toMatch(/^seed\.csv:\d+$/);
    const items = detail.evidence.evidence_items ?? [];
    expect(items.map((i) => i.key)).toEqual(['pass_delay_p90', 'pass_delay_share', 'not_admitted']);
    expect(items.map(evidenceEn)).toEqual(detail.evidence.lines);
    // The trail's system entries carry their finding as items, for the reader's language.
    expect(detail.audit.map((a) => [a.action, a.month])).toEqual([['open', '2024-03-01'], ['add_month', '2024-04-01'], ['add_month', '2024-05-01']]);
    expect(detail.audit[0]!.items?.map((i) => i.key)).toEqual(['pass_delay_p90', 'pass_delay_share']);
    expect(text).not.toMatch(/[0-9a-f]{64}/);
  });

  it('refuses an action the state does not allow with 409 and a clear message, a past deadline with 400', async () => {
    const [srk] = (await list('office=SRK&rule=no_pass_delay')).flags;
    const past = await post(srk!.id, { action: 'set_deadline', deadline: '2024-06-09' });
    expect(past.status).toBe(400);
    expect(((await past.json()) as { error: { message: string } }).error.message).toMatch(/in the past/);
    const ok = await post(srk!.id, { action: 'resolve', note: 'очередь убрали', seen: '2024-06-03' });
    expect(ok.status).toBe(200);
    const after = (await ok.json()) as FlagDetailResponse;
    expect(after.flag).toMatchObject({ status: 'resolved', closedOn: '2024-06-03', closedBasis: 'note', actions: ['comment'] });
    for (const action of [{ action: 'resolve', note: 'ещё раз' }, { action: 'confirm' }, { action: 'set_deadline', deadline: '2024-07-01' }]) {
      const again = await post(srk!.id, action);
      expect(again.status, action.action).toBe(409);
      const body = (await again.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('conflict');
      expect(body.error.message).toMatch(/is resolved since 2024-06-03: it cannot be .*; what it allows: comment/);
    }
    expect((await post(srk!.id, { action: 'comment', note: 'проверить в июле' })).status).toBe(200);
    expect((await list('status=resolved&rule=no_pass_delay')).counts).toMatchObject({ open: 3, resolved: 1 });
  });

  it('gives every matrix cell its evidence as items beside the English lines; 404 and 400 for unknown and bad ids', async () => {
    const res = await t.call('/api/compliance?from=2024-03-01&to=2024-04-01&office=SRK', { as: inspector });
    const matrix = (await res.json()) as ComplianceResponse;
    const rules = matrix.offices.find((o) => o.office === 'SRK')?.rules ?? [];
    expect(rules).toHaveLength(7);
    for (const r of rules) expect(r.evidence_items?.map(evidenceEn), r.rule).toEqual(r.evidence);
    const dept = await t.login('department');
    expect((await t.call('/api/flags/999999', { as: dept })).status).toBe(404);
    const bad = await t.call('/api/flags/abc', { as: dept });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/^id: /);
  });
});

describe('the monthly digest', () => {
  it('writes new cases, overdue, closed and offices behind on reporting as Markdown and printable HTML', async () => {
    const md = await t.call('/api/digest?month=2024-06&lang=ru&format=md', { as: inspector });
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toMatch(/^text\/markdown/);
    const text = await md.text();
    expect(text).toMatch(/^# Сводка инспектора: июнь 2024/);
    expect(text).toMatch(/## Просрочен срок устранения \(1\)\n\n- Кегенский .* — Вход без задержки \(случай #\d+\); срок 05\.06\.2024, просрочено на 5 дней/);
    expect(text).toMatch(/## Закрытые случаи \(1\)\n\n- Сарканский .*: устранено 03\.06\.2024, по отметке инспектора/);
    expect(text).toMatch(/## Отстают с учётом посещений \(4\)/);
    expect(text).toMatch(/перерыв 9 дней \(01\.06\.2024 – 09\.06\.2024\)/);
    expect(text).toMatch(/## Не отчитывались \(ни одного посещения, не нарушение\) \(16\)/);
    const april = await (await t.call('/api/digest?month=2024-04&lang=kk&format=md', { as: inspector })).text();
    expect(april).toMatch(/## Жаңа жағдайлар \(\d+\)[\s\S]*Торсыз/);
    const html = await t.call('/api/digest?month=2024-06&lang=en', { as: inspector });
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await html.text();
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('<h1>Inspector&#39;s digest: June 2024</h1>');
    expect(page).toContain('@media print');
    expect((await t.call('/api/digest?month=2024-13', { as: inspector })).status).toBe(400);
    expect((await t.call('/api/digest?month=2024-06', { as: await t.login('press') })).status).toBe(403);
  });
});
