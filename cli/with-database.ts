import { config } from '../domain/config.ts';
import type { DatabaseHandle } from '../sql/db.ts';
import { openPrepared } from '../sql/prepare.ts';

/**
 * Opens the configured database (DATABASE_URL, else the embedded one in VITRINA_DATA_DIR), brings
 * the schema up to date, runs fn, and always closes, so the embedded lock is released.
 */
export async function withDatabase<T>(holder: string, fn: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = await openPrepared(config, holder);
  try {
    return await fn(handle);
  } finally {
    await handle.close();
  }
}
