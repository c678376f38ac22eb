import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { config } from '../../domain/config.ts';
import { openPrepared } from '../../sql/prepare.ts';
import { countUsers } from '../../sql/queries/users.ts';
import { prepareEmbeddedDemo } from '../demo-setup.ts';
import { ROOT, serveUntilStopped, WEB_DIST } from '../../server/run-server.ts';
import { resolveIinKey } from '../../etl/iin-key.ts';
import { writeLine, type CliIo } from '../io.ts';

export const summary = 'npm start: build the dashboard if needed, prepare the database (demo data when embedded and empty), serve';

/** Builds web/dist with Vite when it is missing; the API still starts if the build fails. */
function ensureDashboard(say: (line: string) => void): void {
  if (fs.existsSync(path.join(WEB_DIST, 'index.html')) || !fs.existsSync(path.join(ROOT, 'web', 'vite.config.ts'))) return;
  say('Building the dashboard (web/dist is missing) …');
  const r = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) say('The dashboard build failed; serving the API only. Run "npm run build" to see why.');
}

export async function run(args: string[], io: CliIo): Promise<number> {
  parseArgs({ args, options: {} });
  const say = (line: string) => writeLine(io.stdout, line);
  ensureDashboard(say);
  const handle = await openPrepared(config, `vitrina start (pid ${process.pid})`);
  try {
    const iin = resolveIinKey(config);
    if (iin.generated) say(`Generated a visitor-hash key in ${iin.file} (keep it; it is not in the database).`);
    if (!config.databaseUrl) {
      await prepareEmbeddedDemo(handle, config.dataDir, iin.key, say);
    } else if ((await countUsers(handle.db)) === 0) {
      // A real database never gets users silently: the operator creates them.
      say('No users yet. Create one with: npx vitrina user add NAME --role admin');
    }
    await serveUntilStopped(handle, config, iin.key, say);
    return 0;
  } catch (err) {
    await handle.close().catch(() => {});
    throw err;
  }
}
