import { parseArgs } from 'node:util';
import { config } from '../../domain/config.ts';
import { openPrepared } from '../../sql/prepare.ts';
import { serveUntilStopped } from '../../server/run-server.ts';
import { resolveIinKey } from '../../etl/iin-key.ts';
import { writeLine, type CliIo } from '../io.ts';

export const summary = 'serve the dashboard and API on http://localhost:3000 (PORT overrides); loads no data';

/** vitrina serve: the configured database as it is; Ctrl+C (or SIGTERM) stops it gracefully. */
export async function run(args: string[], io: CliIo): Promise<number> {
  parseArgs({ args, options: {} });
  const handle = await openPrepared(config, `vitrina serve (pid ${process.pid})`);
  try {
    await serveUntilStopped(handle, config, resolveIinKey(config).key, (line) => writeLine(io.stdout, line));
    return 0;
  } catch (err) {
    await handle.close().catch(() => {});
    throw err;
  }
}
