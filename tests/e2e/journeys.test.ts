import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoverageResponse, OfficesResponse, OverviewResponse } from '../../server/api/contract.ts';
import { chartsDrawn, HAS_BROWSER, launchBrowser, REQUIRE_BROWSER, SCREENSHOTS, signIn, startJourney, type Journey } from './harness/browser.ts';
import { JOURNEY_TODAY, startDemoServer, type DemoServer } from './harness/demo-server.ts';

if (!HAS_BROWSER && !REQUIRE_BROWSER) {
  console.warn('[e2e] SKIPPED: /usr/bin/chromium is missing (apt-get install chromium). Set VITRINA_REQUIRE_BROWSER=1 to make this a failure.');
}

/** Each user's whole job on the demo data, in Debian's headless chromium against the real server. */
describe.skipIf(!HAS_BROWSER && !REQUIRE_BROWSER)('dashboard journeys', () => {
  let server: DemoServer;
  let browser: Browser;
  const journeys: Journey[] = [];

  beforeAll(async () => {
    if (!HAS_BROWSER) throw new Error('VITRINA_REQUIRE_BROWSER=1 but /usr/bin/chromium is missing');
    [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
  }, 420_000);
  afterAll(async () => {
    for (const j of journeys) await j.context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });
  const begin = async (opts?: { width?: number; height?: number; motion?: 'reduce' | 'no-preference' }) => {
    const j = await startJourney(browser, server.url, opts);
    journeys.push(j);
    return j;
  };

  it('the department sees the last complete month, the «данные полны по» stamp, no day after it, and the like-for-like change of the API', async () => {
    for (const [w, hgt] of [[1366, 900], [390, 844]] as const) {
      // The desktop pass with the charts' animations, as most readers see them; the rest with reduced motion.
      const j = await begin({ width: w, height: hgt, motion: w === 1366 ? 'no-preference' : 'reduce' });
      const { page } = j;
      await page.locator('#login-name').waitFor();
      await signIn(page, 'department');
      await expect.poll(() => page.url()).toMatch(/#\/overview\?from=\d{4}-\d{2}-01&to=/);
      await chartsDrawn(page);
      const api = <T>(path: string): Promise<T> => page.evaluate(async (p) => (await fetch(p, { headers: { accept: 'application/json' } })).json(), path) as Promise<T>;
      const cov = await api<CoverageResponse>('/api/coverage');
      const completeTo = cov.completeTo ?? '';
      expect(completeTo).toBe(server.endDate);
      // The last complete calendar month ending on or before completeTo.
      const url = new URL(page.url().replace('#/', ''));
      const from = url.searchParams.get('from') ?? '';
      const to = url.searchParams.get('to') ?? '';
      const next = new Date(Date.parse(`${completeTo}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      expect(to <= next).toBe(true);
      expect(from.endsWith('-01') && to.endsWith('-01')).toBe(true);
      const ru = (d: string) => `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`;
      await expect.poll(() => page.locator('#coverage-stamp').textContent()).toContain(`Данные полны по ${ru(completeTo)}`);
      // No day after completeTo: the daily series (its text alternative) ends on or before it.
      const o = await api<OverviewResponse>(`/api/overview?from=${from}&to=${to}`);
      expect(o.daily.every((d) => d.day <= completeTo)).toBe(true);
      const lastRow = page.locator('table', { has: page.locator('caption', { hasText: 'Динамика по дням' }) }).locator('tbody tr').last();
      const lastDay = ((await lastRow.locator('th, td').first().textContent()) ?? '').trim();
      expect(lastDay.split('.').reverse().join('-') <= completeTo).toBe(true);
      // The change shown equals the like-for-like change computed here from the API's own per-office totals.
      const alike = new Set(o.comparison.offices);
      const now = o.perOffice.filter((r) => alike.has(r.office)).reduce((a, r) => a + (r.visits ?? 0), 0);
      const before = o.perOffice.filter((r) => alike.has(r.office)).reduce((a, r) => a + (r.previous ?? 0), 0);
      expect(o.comparison.comparable).toBe(true);
      const expected = new Intl.NumberFormat('ru-RU', { style: 'percent', maximumFractionDigits: 0, signDisplay: 'exceptZero' }).format((now - before) / before);
      await expect.poll(() => page.locator('.kpi').first().locator('.delta-up, .delta-down').textContent()).toBe(expected);
      // Each duration measure under its own standard, with its unit; waiting under none (contract §8).
      await expect.poll(() => page.locator('.kpi', { hasText: 'Задержка на входе' }).textContent()).toMatch(/\d\s?мин90-й перцентиль; порог — 5\s?мин; дольше ждали \d/);
      await expect.poll(() => page.locator('.kpi', { hasText: 'Приём заявления' }).textContent()).toMatch(/\d\s?мин90-й перцентиль; норматив — 15–20 мин; дольше 20 мин — \d/);
      await expect.poll(() => page.locator('.kpi', { hasText: 'Ожидание' }).textContent()).toMatch(/\d\s?минМедиана; норматива нет$/);
      // The figure of admission delay is the one the compliance page judges: the region's p90 of the API.
      const delay = o.durations?.find((d) => d.metric === 'admission_delay')?.p90 ?? -1;
      expect(await page.locator('.kpi', { hasText: 'Задержка на входе' }).locator('.kpi-value').textContent())
        .toBe(new Intl.NumberFormat('ru-RU', { style: 'unit', unit: 'minute', unitDisplay: 'short', maximumFractionDigits: 1 }).format(delay));
      // An office whose logs do not cover the period has no bar: «нет данных», never 0 visitors.
      const perOfficeRow = (office: string) => page.locator('table', { has: page.locator('caption', { hasText: 'Обращения по офисам' }) })
        .locator('tbody tr', { has: page.locator('th', { hasText: office }) }).locator('td').first();
      const registry = await api<OfficesResponse>('/api/offices');
      for (const r of o.perOffice.filter((x) => x.coverage === 'none')) {
        expect(await perOfficeRow(registry.offices.find((x) => x.code === r.office)?.name_ru ?? r.office).textContent()).toBe('нет данных');
      }
      const size = w === 1366 ? '1366x900' : '390x844';
      await j.screenshot(`overview-ru-${size}`);
      await page.locator('#nav-topics').click();
      await expect.poll(() => page.url()).toMatch(/#\/topics\?/);
      await chartsDrawn(page);
      await j.screenshot(`topics-ru-${size}`);
      await page.goto(`${server.url}/#/office/TDK?from=${from}&to=${to}`);
      await expect.poll(() => page.locator('#office-title').textContent()).toContain('Талдыкорган');
      await chartsDrawn(page);
      // The office page has the weekday × hour card of the Overview: averages per covered weekday.
      await expect.poll(() => page.locator('.card h2', { hasText: 'Нагрузка по дням недели и часам' }).count()).toBe(1);
      await j.screenshot(`office-ru-${size}`);
      expect(j.problems).toEqual([]);
    }
  });

  it('an office whose logs stopped: «нет данных», never zero visitors, and gaps in the topic trend after its last day', async () => {
    const j = await begin();
    const { page } = j;
    await signIn(page, 'department');
    await chartsDrawn(page);
    const api = <T>(path: string): Promise<T> => page.evaluate(async (p) => (await fetch(p, { headers: { accept: 'application/json' } })).json(), path) as Promise<T>;
    const cov = await api<CoverageResponse>('/api/coverage');
    const rmb = cov.offices.find((o) => o.office === 'RMB');
    expect(rmb?.status).toBe('behind');
    const last = rmb?.last ?? '';
    const completeTo = cov.completeTo ?? '';
    const day = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    // The two weeks before completeTo: RMB (silent for the last 30 days of the demo) has no log in them.
    const [from, to] = [day(completeTo, -13), day(completeTo, 1)];
    await page.goto(`${server.url}/#/overview?from=${from}&to=${to}`);
    await chartsDrawn(page);
    const rmbBar = page.locator('table', { has: page.locator('caption', { hasText: 'Обращения по офисам' }) })
      .locator('tbody tr', { has: page.locator('th', { hasText: 'Райымбекский РОП' }) }).locator('td').first();
    await expect.poll(() => rmbBar.textContent()).toBe('нет данных');
    await expect.poll(() => page.locator('#no-data-offices').textContent()).toContain('Райымбекский РОП: данные только по');
    expect(await page.locator('#silent-offices', { hasText: 'Райымбек' }).count()).toBe(0);
    // Its page says so in words instead of empty axes.
    await page.goto(`${server.url}/#/office/RMB?from=${from}&to=${to}`);
    await expect.poll(() => page.locator('#office-no-data').textContent()).toMatch(/^Райымбекский РОП: данные только по \d{2}\.\d{2}\.\d{4}$/);
    // Its change is not comparable, said of the office itself, not «ни по одному офису».
    expect(await page.locator('.kpi').first().textContent()).toContain('несопоставимо: за выбранный период журналы офиса неполные');
    await j.screenshot('office-behind-ru-1366x900');
    // The topic trend of RMB over 45 days: a number on each day it was covered, «нет данных» after, and no day after completeTo.
    const tFrom = day(completeTo, -44);
    await page.goto(`${server.url}/#/topics?from=${tFrom}&to=${to}&office=RMB`);
    await chartsDrawn(page);
    const rows = page.locator('table', { has: page.locator('caption', { hasText: 'Динамика по категориям' }) }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(45);
    const cells = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent ?? '')));
    cells.forEach((r, i) => {
      const d = day(tFrom, i);
      expect(r[0]).toBe(`${d.slice(8, 10)}.${d.slice(5, 7)}`);
      for (const v of r.slice(1)) expect(v === 'нет данных', `${d}: ${v}`).toBe(d > last);
    });
    await j.screenshot('topics-behind-ru-1366x900');
    expect(j.problems).toEqual([]);
  });

  it('the department compares two periods and opens an office page', async () => {
    const j = await begin();
    const { page } = j;
    await page.locator('#login-name').waitFor();
    await j.screenshot('login');
    await signIn(page, 'department');
    await expect.poll(() => page.url()).toMatch(/#\/overview\?from=\d{4}-\d{2}-01&to=/);
    await chartsDrawn(page);
    await expect.poll(() => page.locator('.chart[data-chart-ready="true"]').count()).toBeGreaterThanOrEqual(5);
    await expect.poll(() => page.locator('.kpi').first().textContent()).toMatch(/[−+-]?\d+\s?% к предыдущему периоду\s*в предыдущем периоде: \d[\d\s]*/);
    const monthUrl = page.url();
    await j.screenshot('department-overview');

    // The default is the last complete month (contract §8); the last 7 days end on the same day.
    // The new period's view asks one answer, once, as JSON (no Arrow beside it): its figures, the
    // coverage stamp and the compliance standing of the map.
    const asked: string[] = [];
    const onRequest = (req: { url(): string; headers(): Record<string, string> }) => {
      const u = new URL(req.url());
      if (u.pathname.startsWith('/api/')) asked.push(`${u.pathname} ${req.headers().accept ?? ''}`);
    };
    page.on('request', onRequest);
    await page.locator('#f-preset').selectOption('last7');
    await expect.poll(() => page.url()).not.toBe(monthUrl);
    await chartsDrawn(page);
    await expect.poll(() => page.locator('.chart[data-chart-ready="true"]').count()).toBeGreaterThanOrEqual(5);
    await expect.poll(() => page.locator('#coverage-stamp').count()).toBe(1);
    page.off('request', onRequest);
    expect(asked).toEqual(['/api/overview application/json']);
    const prevUrl = page.url();
    const start = new Date(Date.parse(`${server.endDate}T00:00:00Z`) - 6 * 86_400_000);
    const prevStart = `${String(start.getUTCDate()).padStart(2, '0')}.${String(start.getUTCMonth() + 1).padStart(2, '0')}.${start.getUTCFullYear()}`;
    await expect.poll(() => page.locator('.page-head p').textContent()).toMatch(new RegExp(`^${prevStart.replace(/\./g, '\\.')}.*Предыдущий период: `));
    // Back returns to the month, forward to the previous month: the URL is the state.
    await page.goBack();
    await expect.poll(() => page.url()).toBe(monthUrl);
    await page.goForward();
    await expect.poll(() => page.url()).toBe(prevUrl);
    await chartsDrawn(page);

    await page.locator('#nav-office').click();
    await page.locator('#office-list a', { hasText: 'Сарканский' }).click();
    await expect.poll(() => page.url()).toMatch(/#\/office\/SRK\?/);
    await expect.poll(() => page.locator('#office-title').textContent()).toContain('Сарканский РОП');
    await chartsDrawn(page);
    await j.screenshot('department-office');
    // Dark mode follows the system setting, charts included.
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(15, 20, 25)');
    await j.screenshot('department-office-dark');
    await page.goto(monthUrl);
    await chartsDrawn(page);
    await expect.poll(() => page.locator('.chart[data-chart-ready="true"]').count()).toBeGreaterThanOrEqual(5);
    await j.screenshot('overview-dark-ru-1366x900');
    await page.goBack();
    await expect.poll(() => page.locator('#office-title').textContent()).toContain('Сарканский РОП');
    // The whole interface switches language, and the link keeps it.
    await page.emulateMedia({ colorScheme: 'light' });
    await page.locator('#lang').selectOption('kk');
    await expect.poll(() => page.url()).toMatch(/[?&]lang=kk/);
    await expect.poll(() => page.locator('#office-title').textContent()).toBe('Сарқан');
    expect(await page.locator('.nav a').allTextContents()).toEqual(['Шолу', 'Жүгіну тақырыптары', 'Бұйрықтың сақталуы', 'Офистер']);
    await chartsDrawn(page);
    await j.screenshot('department-office-kk');
    expect(j.problems).toEqual([]);
  });

  it('the press service downloads a summary in Kazakh', async () => {
    const j = await begin();
    const { page } = j;
    await signIn(page, 'press');
    await expect.poll(() => page.url()).toMatch(/#\/topics\?/);
    expect(await page.locator('.nav a').allTextContents()).toEqual(['Темы обращений']);
    await chartsDrawn(page);
    // Press sees the disclosure method under every table, and a lead share without a count change beside it.
    expect(await page.locator('.method-note').count()).toBeGreaterThanOrEqual(4);
    await page.locator('#summary-lang').selectOption('kk');
    await expect.poll(() => page.locator('#summary-text').getAttribute('lang')).toBe('kk');
    await expect.poll(() => page.locator('#summary-text').textContent()).toMatch(/^Алматы облысы: \d{4} жылғы \S+да шамамен [\d\s]+ жүгіну тіркелді.*(Ең жиі|көпшілігі) .* бойынша \(\d+\s?%\)/);
    const [txt] = await Promise.all([page.waitForEvent('download'), page.locator('#download-txt').click()]);
    const text = fs.readFileSync(await txt.path(), 'utf8');
    expect(txt.suggestedFilename()).toMatch(/-kk\.txt$/);
    expect(text.split('\n')[0]).toBe(await page.locator('#summary-text').textContent());
    expect(text).toMatch(/\nКезең: \d{2}\.\d{2}\.\d{4}–\d{2}\.\d{2}\.\d{4}\nДереккөз: .*\n5-тен аз мәндер жасырылған/);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('#download-csv').click()]);
    const csvText = fs.readFileSync(await csv.path(), 'utf8');
    expect(csvText).toMatch(/Көші-қон/);
    expect(csvText).not.toMatch(/\bmigration\b/);
    const [png] = await Promise.all([page.waitForEvent('download'), page.locator('#download-png').click()]);
    const pngBytes = fs.readFileSync(await png.path());
    expect(pngBytes.subarray(1, 4).toString()).toBe('PNG');
    expect(png.suggestedFilename()).toMatch(/-kk\.png$/);
    // Kept beside the screenshots so a person can look at what would be published.
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    fs.writeFileSync(path.join(SCREENSHOTS, 'press-category-chart-kk.png'), pngBytes);
    await j.screenshot('press-topics');
    // The same page on a phone: one column, nothing wider than the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await chartsDrawn(page);
    // The charts follow the new width when their ResizeObserver fires, a frame or more later.
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth), { timeout: 5_000 }).toBeLessThanOrEqual(390);
    await j.screenshot('press-topics-phone', { fullPage: false });
    expect(j.problems).toEqual([]);
  });

  it('the inspector works the cases: filters one rule, sorts, opens a past month from the matrix, sets a deadline, exports', async () => {
    const j = await begin();
    const { page } = j;
    await signIn(page, 'inspector');
    await expect.poll(() => page.url()).toMatch(/#\/compliance\?/);
    await page.locator('#compliance-matrix').waitFor();
    // No comparison checkbox that does nothing on this page.
    expect(await page.locator('#f-cmp').count()).toBe(0);
    // The page links the month's digest, a printable page in the interface's language.
    const digestHref = await page.locator('#digest-link').getAttribute('href');
    const shownMonth = /from=(\d{4}-\d{2})-01/.exec(page.url())?.[1];
    expect(digestHref).toBe(`/api/digest?month=${shownMonth}&lang=ru`);
    const digest = await page.request.get(new URL(digestHref!, server.url).toString());
    expect(digest.headers()['content-type']).toMatch(/^text\/html/);
    expect(await digest.text()).toMatch(/^<!doctype html>[\s\S]*<h1>Сводка инспектора: /);

    // Open cases of one rule, oldest first.
    const list = page.locator('#flags-list');
    await list.locator('#case-rule').selectOption('no_pass_delay');
    await list.locator('#case-sort').selectOption('deadline');
    await list.locator('#case-sort').selectOption('age');
    await expect.poll(() => list.locator('button[data-flag]').count()).toBeGreaterThan(0);
    expect(new Set(await list.locator('button[data-flag]').evaluateAll((b) => b.map((x) => x.getAttribute('data-rule'))))).toEqual(new Set(['no_pass_delay']));
    await expect.poll(() => list.locator('#case-counts').textContent()).toMatch(/Открыт\s*\d+/);
    // The export is the filtered list.
    const csvHref = await list.locator('#cases-csv').getAttribute('href');
    expect(csvHref).toMatch(/format=csv/);
    expect(csvHref).toMatch(/rule=no_pass_delay/);
    const csv = await page.request.get(new URL(csvHref!, server.url).toString());
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    expect((await csv.text()).split('\n')[0]).toMatch(/id,office,rule,status,months/);
    // The export speaks the page's language: its evidence reads as a finding in Russian.
    expect(csvHref).toMatch(/lang=ru/);

    // The list's state is in the link: a reload, or the link sent to a colleague, shows the same page of the same list.
    await expect.poll(() => page.url()).toMatch(/[?&]rule=no_pass_delay(&|$)/);
    expect(page.url()).not.toMatch(/[?&](sort|page)=/);
    // A year of cases, every status, one month of it, by office.
    const monthLink = page.url();
    await page.locator('#f-preset').selectOption('year');
    await expect.poll(() => page.url()).not.toBe(monthLink);
    expect(page.url()).toMatch(/[?&]rule=no_pass_delay(&|$)/);
    // Every request of the page answered (the box plot drawn, the list counted) before the page is left.
    const settled = async () => { await chartsDrawn(page); await list.locator('#case-counts').waitFor(); };
    // The page drawn anew for the year: its month filter offers each of its months.
    await expect.poll(() => list.locator('#case-month option').count()).toBeGreaterThan(2);
    await settled();
    await list.locator('#case-status').selectOption('all');
    await list.locator('#case-rule').selectOption('');
    const month = await list.locator('#case-month option').last().getAttribute('value');
    await list.locator('#case-month').selectOption(month!);
    await list.locator('#case-sort').selectOption('office');
    await expect.poll(() => page.url()).toMatch(new RegExp(`status=all&month=${month}&sort=office(&|$)`));
    const rows = () => list.locator('button[data-flag]').evaluateAll((b) => b.map((x) => x.getAttribute('data-flag')));
    await settled();
    const shown = await rows();
    const link = page.url();
    await page.reload();
    expect(page.url()).toBe(link);
    await settled();
    expect(await list.locator('#case-status').inputValue()).toBe('all');
    expect(await list.locator('#case-rule').inputValue()).toBe('');
    expect(await list.locator('#case-month').inputValue()).toBe(month);
    expect(await list.locator('#case-sort').inputValue()).toBe('office');
    expect(await rows()).toEqual(shown);
    // The page is in the link too: a link to page 2 asks the server for page 2 (the demo's cases fit on
    // one page, so the list then shows its last page and the link says so).
    const asked = page.waitForRequest((r) => /\/api\/flags\?.*[?&]page=2(&|$)/.test(r.url()));
    await page.goto('about:blank');
    await page.goto(`${link}&page=2`);
    expect(new URL((await asked).url()).searchParams.get('sort')).toBe('office');
    await expect.poll(() => list.locator('.case-pager').textContent()).toMatch(/Стр\. 1 из 1/);
    await expect.poll(() => page.url()).toBe(link);
    await settled();
    await list.locator('#case-month').selectOption('');
    // Back to the open cases of the one rule for the rest of the journey.
    await list.locator('#case-status').selectOption('open');
    await list.locator('#case-rule').selectOption('no_pass_delay');
    await list.locator('#case-sort').selectOption('age');
    await expect.poll(() => page.url()).toMatch(/[?&]rule=no_pass_delay(&|$)/);
    expect(page.url()).not.toMatch(/[?&](status|month|sort|page)=/);

    // A past month: the matrix cell opens the case covering it, with that month's evidence.
    await page.locator('#f-preset').selectOption('prev_month');
    await expect.poll(() => page.url()).toMatch(/from=\d{4}-\d{2}-01/);
    await page.locator('#compliance-matrix').waitFor();
    // The month the preset picked (the last complete one, contract §8), read from the shared URL.
    const picked = /from=(\d{4})-(\d{2})-01/.exec(page.url()) ?? [];
    const prev = new Date(Date.UTC(Number(picked[1]), Number(picked[2]) - 1, 1));
    const prevMonth = new Intl.DateTimeFormat('ru-RU', { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(prev);
    const cell = page.locator('#compliance-matrix button[data-office="SRK"][data-rule="no_pass_delay"]');
    expect(await cell.getAttribute('data-status')).toBe('breach');
    // The matrix works from the keyboard: focus a cell, Enter shows the evidence behind it.
    await cell.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.verdict-detail').textContent()).toMatch(/Сарканский РОП · .*Нарушение/);
    await expect.poll(() => page.locator('.verdict-detail').textContent()).toMatch(/p90 [\d,]+ мин при нормативе 5 мин/);
    await page.locator('#matrix-open-case').click();
    await page.locator('#flag-panel').waitFor();
    await expect.poll(() => page.locator('#flag-evidence-title').textContent()).toBe(`Основания за ${prevMonth}`);
    await expect.poll(() => page.locator('#flag-panel .evidence').textContent()).toMatch(/ждали дольше 5 мин/);

    // A deadline in the past is refused before sending; a future one is saved, with no error beside it.
    // Today is the journeys' day, in the page as on the server, whatever day the suite runs.
    const today = JOURNEY_TODAY;
    expect(await page.evaluate(() => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(new Date()))).toBe(today);
    await page.locator('#flag-deadline').fill('2020-01-01');
    await page.locator('#flag-set-deadline').click();
    expect(await page.locator('#flag-panel .form-error').textContent()).toBe('Срок не может быть раньше сегодняшнего дня.');
    const deadline = new Date(Date.parse(`${today}T00:00:00Z`) + 14 * 86_400_000).toISOString().slice(0, 10);
    await page.locator('#flag-deadline').fill(deadline);
    await page.locator('#flag-set-deadline').click();
    await expect.poll(() => page.locator('#flag-panel .status-line').textContent()).toBe('Сохранено.');
    expect(await page.locator('#flag-panel .form-error').textContent()).toBe('');
    // Still the month the inspector was reading.
    expect(await page.locator('#flag-evidence-title').textContent()).toBe(`Основания за ${prevMonth}`);
    await expect.poll(() => page.locator('#flag-panel .card-head .note').textContent()).toContain(`Срок: ${deadline.split('-').reverse().join('.')}`);
    // A dismissal needs its basis: without one nothing is sent and the form says why.
    await page.locator('#flag-dismiss').click();
    expect(await page.locator('#flag-panel .form-error').textContent()).toBe('Укажите основание: причину отклонения или как подтверждено устранение.');
    await page.locator('#flag-note').fill('Проверено на месте: посетителей держат у поста.');
    await page.locator('#flag-confirm').click();
    await expect.poll(() => page.locator('#flag-panel .chip').first().textContent()).toBe('Подтверждён');
    // Only what a confirmed case allows is offered.
    expect(await page.locator('#flag-confirm').count()).toBe(0);
    const audit = page.locator('#audit-trail');
    await expect.poll(() => audit.textContent()).toMatch(/inspector\s*подтвердил\(а\)/);
    await expect.poll(() => audit.textContent()).toContain('Проверено на месте');
    // The system's entries read as findings in Russian, not English.
    expect(await audit.textContent()).not.toMatch(/admission delay|admitted visits/);
    await j.screenshot('inspector-compliance');
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(3000);

    // On a phone the office column stays while the rules scroll.
    await page.setViewportSize({ width: 390, height: 844 });
    const officeCell = page.locator('#compliance-matrix tbody th').first();
    expect(await officeCell.evaluate((el) => getComputedStyle(el).position)).toBe('sticky');
    await page.locator('#compliance-matrix').evaluate((el) => { el.closest('.table-scroll')!.scrollLeft = 400; });
    const box = await officeCell.boundingBox();
    expect(box?.x ?? -1).toBeGreaterThanOrEqual(0);
    await j.screenshot('inspector-matrix-phone', { fullPage: false });
    // … and each case of the work list opens from its first column, in view (it sat off screen on the right).
    await list.locator('#case-status').selectOption('all');
    await expect.poll(() => list.locator('button[data-flag]').count()).toBeGreaterThan(0);
    const open = await list.locator('button[data-flag]').first().boundingBox();
    expect(open!.x).toBeGreaterThanOrEqual(0);
    expect(open!.x + open!.width).toBeLessThanOrEqual(390);
    const last = list.locator('button[data-flag]').last();
    const officeName = (await last.textContent()) ?? '';
    await last.click();
    await expect.poll(() => page.locator('#flag-title').textContent()).toMatch(new RegExp(`^${officeName} · `));
    expect(j.problems).toEqual([]);
  });

  it('the admin uploads a file and sees its quarantined rows', async () => {
    const j = await begin();
    const { page } = j;
    await signIn(page, 'admin');
    await expect.poll(() => page.url()).toMatch(/#\/data/);
    // The Data page as it opens, on a desk and on a phone, and in dark mode.
    await page.locator('#upload-input').waitFor();
    await page.waitForLoadState('networkidle');
    await j.screenshot('data-ru-1366x900');
    await page.emulateMedia({ colorScheme: 'dark' });
    await j.screenshot('data-dark-ru-1366x900');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 390, height: 844 });
    await j.screenshot('data-ru-390x844');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1366, height: 900 });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vitrina-upload-'));
    const file = path.join(dir, 'SRK_upload-check.csv');
    fs.writeFileSync(file, [
      'Дата;Время прихода;Время приёма;Окончание;Талон;Цель визита',
      `${server.endDate.split('-').reverse().join('.')};09:10;09:12;09:30;E2E-1;справка о несудимости`,
      `${server.endDate.split('-').reverse().join('.')};25:99;;;E2E-2;регистрация иностранца`,
      `${server.endDate.split('-').reverse().join('.')};11:00;10:00;11:20;E2E-3;консультация`,
    ].join('\n'));
    await page.locator('#upload-input').setInputFiles(file);
    const report = page.locator('#upload-report');
    await expect.poll(() => report.textContent(), { timeout: 30_000 }).toContain('SRK_upload-check.csv');
    expect(await report.locator('tbody tr').first().locator('td').last().textContent()).toBe('2');
    const quarantine = page.locator('#quarantine');
    await expect.poll(() => quarantine.textContent()).toContain('E2E-2');
    expect(await quarantine.locator('[data-reason="bad_time"]').count()).toBeGreaterThan(0);
    expect(await quarantine.locator('[data-reason="time_order"]').count()).toBeGreaterThan(0);
    await j.screenshot('admin-data');
    fs.rmSync(dir, { recursive: true, force: true });
    expect(j.problems).toEqual([]);
  });
});
