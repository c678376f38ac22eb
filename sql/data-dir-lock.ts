import fs from 'node:fs';
import path from 'node:path';

/**
 * PGlite does not lock its data directory, and two processes writing one directory corrupt it.
 * Vitrina's own lock file records the holder's pid; a lock whose process is gone (killed, crashed)
 * is taken over, so the next open recovers instead of aborting.
 */
export class DataDirBusyError extends Error {
  constructor(readonly dataDir: string, readonly holder: LockInfo) {
    super(`The embedded database in ${dataDir} is in use by process ${holder.pid} (${holder.command}). `
      + 'Stop that process, or set DATABASE_URL to use a PostgreSQL server.');
    this.name = 'DataDirBusyError';
  }
}

export interface LockInfo {
  pid: number;
  command: string;
  since: string;
}

const LOCK_FILE = 'vitrina.lock';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockInfo | null {
  try {
    const info = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockInfo>;
    return typeof info.pid === 'number' ? { pid: info.pid, command: String(info.command ?? '?'), since: String(info.since ?? '') } : null;
  } catch {
    return null; // missing or half-written: treat as no holder
  }
}

/** Takes the lock for this process; returns the function that releases it. */
export function acquireDataDirLock(dataDir: string, command: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  const mine: LockInfo = { pid: process.pid, command, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(mine), { flag: 'wx' });
      return () => release(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = readLock(file);
    if (holder && holder.pid !== process.pid && isAlive(holder.pid)) throw new DataDirBusyError(dataDir, holder);
    // Stale lock of a dead process (or our own leftover): remove it and try again.
    fs.rmSync(file, { force: true });
  }
  throw new Error(`Could not take the lock ${file}`);
}

function release(file: string): void {
  const holder = readLock(file);
  if (holder?.pid === process.pid) fs.rmSync(file, { force: true });
}
