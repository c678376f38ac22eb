import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../helpers/cli.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vitrina-demo-cli-'));
// The demo ends by default yesterday and refuses an end after today: the clock is set, so neither
// depends on the day the suite runs.
beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-02-01T06:00:00Z'));
});
afterAll(() => {
  vi.useRealTimers();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('vitrina demo', () => {
  it('writes the files, prints a JSON summary and never touches the database', async () => {
    const out = path.join(tmp, 'out');
    const dataDir = path.join(tmp, 'data');
    const { code, stdout, stderr } = await runCli(['demo', '--days', '10', '--end', '2026-01-20', '--seed', '3', '--out', out, '--json'], { VITRINA_DATA_DIR: dataDir });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const summary = JSON.parse(stdout) as { files: number; visits: number; end_date: string; formats: Record<string, { files: number }>; planted: unknown[] };
    expect(summary.end_date).toBe('2026-01-20');
    expect(Object.keys(summary.formats).sort()).toEqual(['arrow', 'csv-cp1251', 'csv-utf8', 'inspection', 'jsonl', 'xlsx']);
    expect(fs.readdirSync(out, { recursive: true }).filter((f) => fs.statSync(path.join(out, String(f))).isFile())).toHaveLength(summary.files);
    expect(summary.planted).toHaveLength(4);
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('prints counts per format for a person, and refuses a bad --days with exit 2', async () => {
    const human = await runCli(['demo', '--days', '2', '--out', path.join(tmp, 'h')], {});
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/Wrote \d+ files with \d+ visits/);
    expect(human.stdout).toMatch(/csv-cp1251 +\d+ files/);
    const bad = await runCli(['demo', '--days', 'many'], {});
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--days expects a whole number');
  });

  it('refuses periods the ETL would quarantine: before 2018, in the future, or a date that does not exist', async () => {
    for (const args of [['--days', '4000', '--end', '2026-01-01'], ['--end', '2999-01-01'], ['--end', '2026-02-30']]) {
      const r = await runCli(['demo', ...args, '--out', path.join(tmp, 'refused')], {});
      expect(r.code, args.join(' ')).toBe(2);
    }
    expect(fs.existsSync(path.join(tmp, 'refused'))).toBe(false);
  });
});
