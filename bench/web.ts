/**
 * The dashboard's weight and speed: gzip size of the JavaScript the first page load needs (the
 * entry script and its modulepreloads, as index.html lists them) and the time from navigation to
 * the first drawn chart in headless chromium, signed in as the department, on a small demo.
 * Targets: initial JS ≤ 350 KB gzip, first chart ≤ 1.5 s.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { HAS_BROWSER, launchBrowser } from '../tests/e2e/harness/browser.ts';
import { buildWeb, PASSWORD, startDemoServer } from '../tests/e2e/harness/demo-server.ts';

const gz = (file: string) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** Files index.html loads before anything else: the entry module and everything it preloads. */
export function initialScripts(indexHtml: string): string[] {
  const refs = [...indexHtml.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"|<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)]
    .map((m) => m[1] ?? m[2] ?? '');
  return [...new Set(refs.filter(Boolean))];
}

function bundleLines(dist: string): string[] {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const initial = initialScripts(html).map((src) => path.join(dist, src.replace(/^\//, '')));
  const initialGz = initial.reduce((a, f) => a + gz(f), 0);
  const assets = fs.readdirSync(path.join(dist, 'assets'));
  const sum = (ext: string) => assets.filter((f) => f.endsWith(ext)).reduce((a, f) => a + gz(path.join(dist, 'assets', f)), 0);
  return [
    `initial JS (gzip): ${kb(initialGz)} in ${initial.length} file(s) — target ≤ 350 KB: ${initialGz <= 350 * 1024 ? 'met' : 'MISSED'}`,
    `all JS, loaded per view on demand (gzip): ${kb(sum('.js'))}; CSS (gzip): ${kb(sum('.css'))}`,
  ];
}

async function firstChartMs(baseUrl: string): Promise<number[]> {
  const browser = await launchBrowser();
  try {
    const times: number[] = [];
    for (let run = 0; run < 3; run += 1) {
      // A fresh context each run: cold cache, signed in by the API so only the dashboard is timed.
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
      const res = await context.request.post(`${baseUrl}/api/login`, { data: { name: 'department', password: PASSWORD } });
      if (!res.ok()) throw new Error(`login failed: HTTP ${res.status()}`);
      const page = await context.newPage();
      await page.goto(`${baseUrl}/#/overview`);
      await page.waitForFunction(() => performance.getEntriesByName('vitrina:first-chart').length > 0, null, { timeout: 15_000 });
      times.push(await page.evaluate(() => performance.getEntriesByName('vitrina:first-chart')[0]?.startTime ?? Number.NaN));
      await context.close();
    }
    return times;
  } finally {
    await browser.close();
  }
}

export async function benchWeb(): Promise<{ name: string; lines: string[] }> {
  if (!HAS_BROWSER) {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'vitrina-bench-web-'));
    try {
      buildWeb(dist);
      return { name: 'web', lines: [...bundleLines(dist), 'first chart: not measured, /usr/bin/chromium is missing'] };
    } finally {
      fs.rmSync(dist, { recursive: true, force: true });
    }
  }
  const server = await startDemoServer({ days: 14 }); // builds the dashboard it serves
  try {
    const lines = bundleLines(server.webDist);
    const times = await firstChartMs(server.url);
    const median = [...times].sort((a, b) => a - b)[1] ?? Number.NaN;
    lines.push(`navigation → first drawn chart (median of 3 cold loads, 14-day demo): ${Math.round(median)} ms `
      + `[${times.map((x) => Math.round(x)).join(', ')}] — target ≤ 1500 ms: ${median <= 1500 ? 'met' : 'MISSED'}`);
    return { name: 'web', lines };
  } finally {
    await server.close();
  }
}
