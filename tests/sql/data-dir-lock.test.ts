import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirBusyError } from '../../sql/data-dir-lock.ts';

const dirs: string[] = [];
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'vitrina-lock-'));
  dirs.push(d);
  return d;
}
afterEach(() => { for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true }); });

describe('data directory lock', () => {
  it('refuses a second holder while the first process is alive, naming it', () => {
    const dir = tempDir();
    // A live process that is not us: the test runner's parent.
    fs.writeFileSync(path.join(dir, 'vitrina.lock'), JSON.stringify({ pid: process.ppid, command: 'vitrina start', since: '' }));
    expect(() => acquireDataDirLock(dir, 'vitrina ingest')).toThrow(DataDirBusyError);
    expect(() => acquireDataDirLock(dir, 'vitrina ingest')).toThrow(/vitrina start/);
  });

  it('takes over the lock of a process that died without releasing it', () => {
    const dir = tempDir();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    fs.writeFileSync(path.join(dir, 'vitrina.lock'), JSON.stringify({ pid: Number(dead.stdout), command: 'killed', since: '' }));
    const release = acquireDataDirLock(dir, 'vitrina ingest');
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'vitrina.lock'), 'utf8')).pid).toBe(process.pid);
    release();
    expect(fs.existsSync(path.join(dir, 'vitrina.lock'))).toBe(false);
  });
});
