import path from 'node:path';
import { z } from 'zod';

/**
 * Configuration, read from the environment in one place and validated. Everything else imports
 * `config` (or calls readConfig in tests); no other module reads process.env.
 */
const EnvSchema = z.object({
  DATABASE_URL: z.string().min(1).optional(),
  VITRINA_DATA_DIR: z.string().min(1).default('./data'),
  VITRINA_IIN_KEY: z.string().min(16, 'VITRINA_IIN_KEY must be at least 16 characters').optional(),
  VITRINA_REGIONS: z.string().default('almaty-oblast'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('development'),
  TRUST_PROXY: z.string().optional(),
  VITRINA_UPLOAD_KEEP_DAYS: z.coerce.number().int().min(0).max(36_500).default(90),
});

/**
 * Express's 'trust proxy': which hops may set the client address by X-Forwarded-For. false (unset)
 * takes the socket's address; a number is hops to trust, a string lists addresses or subnets
 * ('loopback', '10.0.0.0/8'). `true` trusts any sender, so only behind a proxy that strips it.
 */
export type TrustProxy = boolean | number | string;

function parseTrustProxy(v: string | undefined): TrustProxy {
  const s = (v ?? '').trim();
  if (s === '' || s === 'false') return false;
  if (s === 'true') return true;
  return /^\d+$/.test(s) ? Number(s) : s;
}

export interface Config {
  /** Real PostgreSQL server; unset means the embedded PGlite database in dataDir. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly iinKey: string | undefined;
  /** Registry files (sql/regions/<name>.json or a path) loaded into regions/offices. */
  readonly regions: readonly string[];
  readonly port: number;
  readonly host: string;
  readonly logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  readonly production: boolean;
  readonly trustProxy: TrustProxy;
  /** Days an uploaded file is kept for audit. */
  readonly uploadKeepDays: number;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const msg = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${msg}`);
  }
  const e = parsed.data;
  return Object.freeze({
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.VITRINA_DATA_DIR),
    iinKey: e.VITRINA_IIN_KEY,
    regions: Object.freeze(e.VITRINA_REGIONS.split(',').map((s) => s.trim()).filter(Boolean)),
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    production: e.NODE_ENV === 'production',
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    uploadKeepDays: e.VITRINA_UPLOAD_KEEP_DAYS,
  });
}

let current: Config = readConfig();

/**
 * The configuration in force. Its fields read the current one, so that tests running the CLI
 * in-process can give each command the environment a child process would have had (useConfig).
 */
export const config: Config = Object.freeze({
  get databaseUrl() { return current.databaseUrl; },
  get dataDir() { return current.dataDir; },
  get iinKey() { return current.iinKey; },
  get regions() { return current.regions; },
  get port() { return current.port; },
  get host() { return current.host; },
  get trustProxy() { return current.trustProxy; },
  get uploadKeepDays() { return current.uploadKeepDays; },
  get logLevel() { return current.logLevel; },
  get production() { return current.production; },
});

/** Puts cfg in force until the returned function restores the previous configuration. */
export function useConfig(cfg: Config): () => void {
  const previous = current;
  current = cfg;
  return () => { current = previous; };
}
