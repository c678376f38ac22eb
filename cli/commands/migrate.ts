import { parseArgs } from 'node:util';
import { config } from '../../domain/config.ts';
import { openDatabase } from '../../sql/db.ts';
import { migrate } from '../../sql/migrate.ts';
import { readRegistry, syncRegistry } from '../../sql/registry.ts';
import { writeLine, type CliIo } from '../io.ts';

export const summary = 'bring the database schema and office registry up to date';

/** vitrina migrate [--json]: applies pending migrations and reloads the office registry. */
export async function run(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, holder: 'vitrina migrate' });
  try {
    const applied = await migrate(handle);
    await syncRegistry(handle.db, readRegistry(config.regions));
    if (values.json) writeLine(io.stdout, JSON.stringify({ applied }));
    else writeLine(io.stdout, applied.length ? `Applied: ${applied.join(', ')}` : 'Schema is up to date.');
    return 0;
  } finally {
    await handle.close();
  }
}
