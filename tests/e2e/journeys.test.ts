import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartsDrawn, HAS_BROWSER, launchBrowser, REQUIRE_BROWSER, SCREENSHOTS, signIn, startJourney, type Journey } from './harness/browser.ts';
import { startDemoServer, type DemoServer } from './harness/demo-server.ts';

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
  }, 240_000);
  afterAll(async () => {
    for (const j of journeys) await j.context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });
  const begin = async (opts?: { width?: number; height?: number }) => {
    const j = await startJourney(browser, server.url, opts);
    journeys.push(j);
    return j;
  };

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

    await page.locator('#f-preset').selectOption('prev_month');
    await expect.poll(() => page.url()).not.toBe(monthUrl);
    await chartsDrawn(page);
    const prevUrl = page.url();
    const prevMonth = new Date(Date.UTC(Number(server.endDate.slice(0, 4)), Number(server.endDate.slice(5, 7)) - 2, 1));
    const prevStart = `01.${String(prevMonth.getUTCMonth() + 1).padStart(2, '0')}.${prevMonth.getUTCFullYear()}`;
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
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await j.screenshot('press-topics-phone', { fullPage: false });
    expect(j.problems).toEqual([]);
  });

  it('the inspector confirms a flag on Sarkand and sees it in the audit trail', async () => {
    const j = await begin();
    const { page } = j;
    await signIn(page, 'inspector');
    await expect.poll(() => page.url()).toMatch(/#\/compliance\?/);
    await page.locator('#compliance-matrix').waitFor();
    const breach = page.locator('#compliance-matrix button[data-office="SRK"][data-status="breach"]');
    expect(await breach.count()).toBeGreaterThan(0);
    // The matrix works from the keyboard: focus a cell, Enter shows the evidence behind it.
    await breach.first().focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.verdict-detail').textContent()).toMatch(/Сарканский РОП · .*Нарушение/);
    await page.locator('#flags-list button[data-office="SRK"]').first().click();
    await page.locator('#flag-panel').waitFor();
    // A dismissal needs a reason: without one nothing is sent and the form says why.
    await page.locator('#flag-dismiss').click();
    expect(await page.locator('#flag-panel .form-error').textContent()).toBe('Для отклонения укажите причину.');
    await page.locator('#flag-note').fill('Проверено на месте: посетителей держат у поста.');
    await page.locator('#flag-confirm').click();
    await expect.poll(() => page.locator('#flag-panel .chip').first().textContent()).toBe('Подтверждён');
    const audit = page.locator('#audit-trail');
    await expect.poll(() => audit.textContent()).toMatch(/inspector\s*подтвердил\(а\)/);
    await expect.poll(() => audit.textContent()).toContain('Проверено на месте');
    await j.screenshot('inspector-compliance');
    expect(j.problems).toEqual([]);
  });

  it('the admin uploads a file and sees its quarantined rows', async () => {
    const j = await begin();
    const { page } = j;
    await signIn(page, 'admin');
    await expect.poll(() => page.url()).toMatch(/#\/data/);
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
