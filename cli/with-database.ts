import { config } from '../domain/config.ts';
import type { DatabaseHandle } from '../sql/db.ts';
import { openPrepared, prepareDatabase } from '../sql/prepare.ts';

let lent: DatabaseHandle | null = null;

/**
 * Tests only: an open database that commands run in this process use instead of opening their own,
 * and leave open, so a test running a dozen commands opens its database once (an embedded one costs
 * ~0.5 s to open). `null` ends the loan. A `vitrina` process never has one.
 */
export function lendDatabase(handle: DatabaseHandle | null): void {
  lent = handle;
}

/**
 * Opens the configured database (DATABASE_URL, else the embedded one in VITRINA_DATA_DIR), brings
 * the schema up to date, runs fn, and always closes, so the embedded lock is released.
 */
export async function withDatabase<T>(holder: string, fn: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  if (lent) {
    await prepareDatabase(lent, config.regions);
    return fn(lent);
  }
  const handle = await openPrepared(config, holder);
  try {
    return await fn(handle);
  } finally {
    await handle.close();
  }
}
