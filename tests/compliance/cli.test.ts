import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../../sql/prepare.ts';
import { cliSession, type CliSession } from '../helpers/cli.ts';
import { freshTarget } from '../helpers/db.ts';
import { seedInspection, seedVisits, visitsEvery } from './seed.ts';

describe('vitrina compliance, flags and flag', () => {
  let target: Awaited<ReturnType<typeof freshTarget>>;
  let cli: CliSession;
  const runCli = (args: string[]) => cli.run(args);
  beforeAll(async () => {
    target = await freshTarget();
    // One open database for the seed and every command (the commands borrow it).
    cli = await cliSession(target.env);
    const h = cli.handle;
    await prepareDatabase(h, ['almaty-oblast']);
    await seedVisits(h.db, visitsEvery('SRK', '2019-01-01 10:00:00', 62, 12 * 60, (i) => ({ delay: i % 2 ? 1200 : 60, phone: false, questioned: false })));
    await seedInspection(h.db, { office: 'SRK', at: '2019-01-20 11:00', bars_on_windows: true, bars_on_doors: false });
  });
  afterAll(async () => { await cli?.close(); await target?.drop(); });

  it('prints exactly the contract JSON for a period, and changes no flag when it is not one month', async () => {
    const r = await runCli(['compliance', '--from', '2019-01-05', '--to', '2019-01-20', '--office', 'Сарканский РОП', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { offices: { office: string; rules: Record<string, unknown>[] }[] };
    expect(Object.keys(out)).toEqual(['offices']);
    expect(out.offices.map((o) => o.office)).toEqual(['SRK']);
    const delay = out.offices[0]!.rules.find((x) => x.rule === 'no_pass_delay')!;
    expect(Object.keys(delay)).toEqual(['rule', 'status', 'value', 'threshold', 'evidence', 'share']);
    expect(delay).toMatchObject({ status: 'breach', value: 20, threshold: 5, share: 0.5 });
    for (const rule of out.offices[0]!.rules) {
      expect(Object.keys(rule).slice(0, 5)).toEqual(['rule', 'status', 'value', 'threshold', 'evidence']);
    }
    const flags = await runCli(['flags', '--json']);
    expect(JSON.parse(flags.stdout)).toEqual({ flags: [] });
  });

  it('opens flags when the period is one calendar month, once', async () => {
    for (let i = 0; i < 2; i++) {
      const r = await runCli(['compliance', '--from', '2019-01-01', '--to', '2019-02-01', '--json']);
      expect(r.code, r.stderr).toBe(0);
      expect((JSON.parse(r.stdout) as { offices: unknown[] }).offices).toHaveLength(20);
    }
    const r = await runCli(['flags', '--office', 'SRK', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const { flags } = JSON.parse(r.stdout) as { flags: Record<string, unknown>[] };
    // Exactly the contract's keys, in its order (§5): one entry per case, its months in order.
    expect(flags.map((f) => Object.keys(f))).toEqual([['id', 'office', 'rule', 'status', 'months', 'opened_at', 'deadline'], ['id', 'office', 'rule', 'status', 'months', 'opened_at', 'deadline']]);
    expect(flags.map((f) => [f.office, f.rule, f.status, f.months, f.deadline]).sort()).toEqual([
      ['SRK', 'no_bars', 'open', ['2019-01'], null], ['SRK', 'no_pass_delay', 'open', ['2019-01'], null]]);
    expect(flags[0]!.opened_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('shows a readable table without --json', async () => {
    const r = await runCli(['compliance', '--from', '2019-01-21', '--to', '2019-01-28', '--office', 'SRK']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/SRK\s+BREACH 1\s+BREACH 20/);
    expect(r.stdout).toContain('reported only');
  });

  it('lets the inspector act on a flag from the CLI, a dismissal only with a reason', async () => {
    const list = JSON.parse((await runCli(['flags', '--office', 'SRK', '--status', 'open', '--json'])).stdout) as { flags: { id: number; rule: string }[] };
    const id = String(list.flags.find((f) => f.rule === 'no_bars')!.id);
    const refused = await runCli(['flag', id, 'dismiss']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/needs a reason/);
    const ok = await runCli(['flag', id, 'dismiss', '--note', 'решётки сняты 25 января', '--actor', 'inspector1', '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({
      flag: { status: 'dismissed' },
      actions: [{ action: 'open' }, { action: 'dismiss', actor: 'inspector1', note: 'решётки сняты 25 января' }],
    });
    const dismissed = JSON.parse((await runCli(['flags', '--status', 'dismissed', '--json'])).stdout) as { flags: unknown[] };
    expect(dismissed.flags).toHaveLength(1);
    // `vitrina flag ID resolve --note TEXT --seen DAY` records the day the fix was seen.
    const delay = String(list.flags.find((f) => f.rule === 'no_pass_delay')!.id);
    const resolved = await runCli(['flag', delay, 'resolve', '--note', 'очередь на входе убрали', '--seen', '2019-01-28', '--json']);
    expect(resolved.code, resolved.stderr).toBe(0);
    expect(JSON.parse(resolved.stdout)).toMatchObject({ flag: { status: 'resolved', closed_on: '2019-01-28' }, actions: [{ action: 'open' }, { action: 'resolve', seen_on: '2019-01-28' }] });
    const twice = await runCli(['flag', delay, 'resolve', '--note', 'ещё раз']);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/is resolved since 2019-01-28: it cannot be resolved/);
  });

  it('exits 2 on a usage error', async () => {
    for (const args of [
      ['compliance', '--from', '2019-01-01', '--json'],
      ['compliance', '--from', '2019-02-30', '--to', '2019-03-01'],
      ['compliance', '--from', '2019-01-01', '--to', '2019-02-01', '--office', 'Атлантида'],
    ]) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
    }
  });
});
