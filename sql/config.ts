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
  VITRINA_UPLOAD_KEEP_DAYS: z.coerce.number().int().min(0).max(36_500).default(90),
});

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
    uploadKeepDays: e.VITRINA_UPLOAD_KEEP_DAYS,
  });
}

export const config: Config = readConfig();
