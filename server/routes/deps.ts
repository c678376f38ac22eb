import type { AggregateCache } from '../cache/aggregate-cache.ts';
import type { Logger } from 'pino';
import type { Config } from '../../sql/config.ts';
import type { DatabaseHandle } from '../../sql/db.ts';

/** What the server needs from outside; injected so tests run it on a fresh database, silently. */
export interface ServerConfig extends Pick<Config, 'dataDir' | 'iinKey' | 'production'> {
  /** Registry files the ingest resolves offices against (default almaty-oblast). */
  regions?: readonly string[] | undefined;
  /** Built dashboard; not served when absent. */
  webDist?: string | undefined;
  /** Failed logins allowed per address or name in the window (default 10 per 15 minutes). */
  loginLimit?: { max: number; windowMs: number } | undefined;
  /** Upload limit per file in bytes (default 200 MB). */
  uploadMaxBytes?: number | undefined;
  /** Days an upload is kept for audit before it is pruned (default 90; VITRINA_UPLOAD_KEEP_DAYS). */
  uploadKeepDays?: number | undefined;
}

export interface AppDeps {
  handle: DatabaseHandle;
  logger: Logger;
  config: ServerConfig;
}

/** What route modules receive: the app's dependencies plus what createApp builds once for all routes. */
export interface RouteDeps extends AppDeps {
  cache: AggregateCache;
}
