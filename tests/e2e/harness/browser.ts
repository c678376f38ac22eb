import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { JOURNEY_NOW, PASSWORD, ROOT } from './demo-server.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const HAS_BROWSER = fs.existsSync(CHROMIUM);
export const REQUIRE_BROWSER = process.env.VITRINA_REQUIRE_BROWSER === '1';
export const SCREENSHOTS = path.join(ROOT, 'tests', 'e2e', 'screenshots');

/** Debian's chromium, headless; never a downloaded browser. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

export interface Journey {
  context: BrowserContext;
  page: Page;
  /** Console errors and failed requests seen so far; a journey ends with this empty. */
  problems: string[];
  screenshot(name: string, opts?: { fullPage?: boolean }): Promise<void>;
}

/**
 * A fresh browser context that records every console error and every failed request. There is no
 * expected failure: before signing in GET /api/me answers 200 `{"user":null}`.
 * The page's clock starts at JOURNEY_NOW (new Date(), Date.now, Intl's default date) and runs on in
 * real time: install() rather than setFixedTime(), whose frozen Date would hold every ECharts
 * animation (zrender times them with new Date()) at its first frame.
 */
export async function startJourney(
  browser: Browser, baseUrl: string, opts: { width?: number; height?: number; motion?: 'reduce' | 'no-preference' } = {},
): Promise<Journey> {
  // Reduced motion unless asked: charts drawn at once, as such a reader sees them, and no animation
  // frames for chromium to paint on the two cores the suite shares.
  const context = await browser.newContext({
    acceptDownloads: true, viewport: { width: opts.width ?? 1366, height: opts.height ?? 900 }, locale: 'ru-RU', timezoneId: 'Asia/Almaty',
    reducedMotion: opts.motion ?? 'reduce',
  });
  await context.clock.install({ time: JOURNEY_NOW });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('response', (res) => {
    const url = new URL(res.url());
    if (res.status() >= 400) problems.push(`HTTP ${res.status()} ${res.request().method()} ${url.pathname}${url.search}`);
  });
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.method()} ${req.url()} ${req.failure()?.errorText ?? ''}`));
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    problems.push(`console error: ${msg.text()} @ ${msg.location().url}`);
  });
  page.setDefaultTimeout(20_000);
  await page.goto(baseUrl);
  return {
    context, page, problems,
    async screenshot(name, opts = {}) {
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      await page.evaluate(() => window.scrollTo(0, 0)); // a sticky top bar would otherwise sit mid-picture
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: opts.fullPage ?? true });
    },
  };
}

/** Signs in through the form, as a person would. */
export async function signIn(page: Page, name: string): Promise<void> {
  await page.locator('#login-name').fill(name);
  await page.locator('#login-password').fill(PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.locator('#logout').waitFor();
}

/** Waits until a chart on the page has drawn; on a timeout, says what the page shows instead. */
export async function chartsDrawn(page: Page, timeout = 45_000): Promise<number> {
  try {
    await page.locator('.chart[data-chart-ready="true"]').first().waitFor({ timeout });
  } catch (err) {
    const shown = await page.locator('#main').innerText().catch(() => '(no main)');
    throw new Error(`no chart drawn within ${timeout} ms at ${page.url()}; the page shows:\n${shown.slice(0, 1500)}`, { cause: err });
  }
  return page.locator('.chart[data-chart-ready="true"]').count();
}
