import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../domain/config.ts';
import type { DatabaseHandle } from '../sql/db.ts';
import { listen, shutdownOnSignals } from './listen.ts';
import { createLogger } from './logger.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const WEB_DIST = path.join(ROOT, 'web', 'dist');

/**
 * Serves the API and the built dashboard on config.host:config.port until SIGINT/SIGTERM, then
 * finishes the requests in flight and closes the database (releasing the embedded lock).
 */
export async function serveUntilStopped(
  handle: DatabaseHandle, cfg: Config, iinKey: string | null, say: (line: string) => void,
): Promise<void> {
  const logger = createLogger(cfg.logLevel);
  const running = await listen({
    handle, logger,
    config: { dataDir: cfg.dataDir, iinKey: iinKey ?? undefined, production: cfg.production, webDist: WEB_DIST, regions: cfg.regions, trustProxy: cfg.trustProxy,
      uploadKeepDays: cfg.uploadKeepDays, warmUnits: true },
  }, cfg.port, cfg.host);
  say(`Vitrina is running at ${running.url}  (Ctrl+C stops it)`);
  await shutdownOnSignals(running, logger);
}
