import type { LoginLimitPolicy } from '../auth/rate-limit.ts';
import type { SessionLookup } from '../auth/session-middleware.ts';
import type { AggregateCache } from '../cache/aggregate-cache.ts';
import type { Logger } from 'pino';
import type { Config, TrustProxy } from '../../domain/config.ts';
import type { DatabaseHandle } from '../../sql/db.ts';

/** What the server needs from outside; injected so tests run it on a fresh database, silently. */
export interface ServerConfig extends Pick<Config, 'dataDir' | 'iinKey' | 'production'> {
  /** Registry files the ingest resolves offices against (default almaty-oblast). */
  regions?: readonly string[] | undefined;
  /** Built dashboard; not served when absent. */
  webDist?: string | undefined;
  /** Failed-login delays and limits (server/auth/rate-limit.ts; default DEFAULT_LOGIN_LIMIT). */
  loginLimit?: Partial<LoginLimitPolicy> | undefined;
  /** Express's 'trust proxy' (TRUST_PROXY): unset, the client address is the socket's. */
  trustProxy?: TrustProxy | undefined;
  /** Upload limit per file in bytes (default 200 MB). */
  uploadMaxBytes?: number | undefined;
  /** The Almaty day taken as today (deadlines, overdue cases, the digest); tests set the clock here. */
  today?: (() => string) | undefined;
  /** Days an upload is kept for audit before it is pruned (default 90; VITRINA_UPLOAD_KEEP_DAYS). */
  uploadKeepDays?: number | undefined;
  /** Read the rollup units of the last ~400 days into memory after start and each data change (the running server; tests leave it off). */
  warmUnits?: boolean | undefined;
}

export interface AppDeps {
  handle: DatabaseHandle;
  logger: Logger;
  config: ServerConfig;
}

/** What route modules receive: the app's dependencies plus what createApp builds once for all routes. */
export interface RouteDeps extends AppDeps {
  cache: AggregateCache;
  sessions: SessionLookup;
  /** The Almaty day taken as today: config.today when set, else the server's clock (server/http/clock.ts). */
  today: () => string;
}
