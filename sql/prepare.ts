import type { Config } from '../domain/config.ts';
import { openDatabase, type DatabaseHandle } from './db.ts';
import { migrate } from './migrate.ts';
import { readRegistry, syncRegistry } from './registry.ts';

/** Brings an open database's schema and office registry up to date. */
export async function prepareDatabase(handle: DatabaseHandle, regions: Config['regions']): Promise<void> {
  await migrate(handle);
  await syncRegistry(handle.db, readRegistry(regions));
}

/** Opens the configured database and brings schema and office registry up to date. */
export async function openPrepared(cfg: Pick<Config, 'databaseUrl' | 'dataDir' | 'regions'>, holder: string): Promise<DatabaseHandle> {
  const handle = await openDatabase({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir, holder });
  try {
    await prepareDatabase(handle, cfg.regions);
    return handle;
  } catch (err) {
    await handle.close();
    throw err;
  }
}
