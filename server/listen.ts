import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { DatabaseHandle } from '../sql/db.ts';
import { createApp } from './app.ts';
import type { ServerConfig } from './routes/deps.ts';

export interface RunningServer {
  url: string;
  server: Server;
  /** Stops accepting connections, lets in-flight requests finish (up to graceMs), then closes the database. */
  shutdown(graceMs?: number): Promise<void>;
}

/** Creates the app and listens; the URL printed is the one a person opens (localhost, not 127.0.0.1). */
export async function listen(
  deps: { handle: DatabaseHandle; logger: Logger; config: ServerConfig }, port: number, host: string,
): Promise<RunningServer> {
  const app = createApp(deps);
  const server = app.listen(port, host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const actual = (server.address() as AddressInfo).port;
  const shownHost = ['127.0.0.1', '0.0.0.0', '::', '::1'].includes(host) ? 'localhost' : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${actual}`,
    server,
    shutdown(graceMs = 10_000) {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        // Connections still busy after the grace period are cut, so a hung client cannot block exit.
        const timer = setTimeout(() => server.closeAllConnections(), graceMs);
        await closed;
        clearTimeout(timer);
        await deps.handle.close();
      })();
      return closing;
    },
  };
}

/** Resolves when SIGINT or SIGTERM arrives (once), after the server has shut down. */
export function shutdownOnSignals(running: RunningServer, logger: Logger): Promise<void> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      logger.info({ signal }, 'shutting down: finishing requests in flight');
      void running.shutdown().then(() => {
        logger.info('stopped');
        resolve();
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
