import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, runCliProcess } from '../helpers/cli.ts';
import { freshTarget } from '../helpers/db.ts';

let target: Awaited<ReturnType<typeof freshTarget>>;
beforeAll(async () => { target = await freshTarget(); });
afterAll(async () => { await target?.drop(); });

describe('vitrina user add', () => {
  it('creates a user with --password, then updates the same user from a password on stdin', async () => {
    const first = await runCli(['user', 'add', 'aigerim', '--role', 'inspector', '--password', 'long-enough-1', '--json'], target.env);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({ name: 'aigerim', role: 'inspector', created: true });
    // A real process reading its password from a pipe.
    const second = await runCliProcess(['user', 'add', 'aigerim', '--role', 'admin'], target.env, 'long-enough-2\n');
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('Updated user aigerim (admin).');
    expect(second.stdout + second.stderr).not.toContain('long-enough');
  });

  it('refuses an unknown role, a short password and a bad name with exit 2 and a usage message', async () => {
    const role = await runCli(['user', 'add', 'bob', '--role', 'boss', '--password', 'long-enough-1'], target.env);
    expect(role.code).toBe(2);
    expect(role.stderr).toMatch(/--role must be one of department, press, inspector, admin/);
    const short = await runCli(['user', 'add', 'bob', '--role', 'press', '--password', 'short'], target.env);
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/at least 8 characters/);
    const name = await runCli(['user', 'add', '../bob', '--role', 'press', '--password', 'long-enough-1'], target.env);
    expect(name.code).toBe(2);
  });
});
