import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../domain/config.ts';

export interface IinKey {
  key: string | null;
  /** Set when the key lives in the embedded data directory (generated on first use). */
  file: string | null;
  generated: boolean;
}

/**
 * The secret behind visitor hashes. A server deployment must configure VITRINA_IIN_KEY (the secret
 * never goes into the database); the embedded database keeps a generated one in its data directory.
 */
export function resolveIinKey(cfg: Pick<Config, 'iinKey' | 'databaseUrl' | 'dataDir'>): IinKey {
  if (cfg.iinKey) return { key: cfg.iinKey, file: null, generated: false };
  if (cfg.databaseUrl) return { key: null, file: null, generated: false };
  const file = path.join(cfg.dataDir, 'iin-key');
  if (fs.existsSync(file)) return { key: fs.readFileSync(file, 'utf8').trim(), file, generated: false };
  fs.mkdirSync(cfg.dataDir, { recursive: true });
  const key = randomBytes(32).toString('hex');
  fs.writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  return { key, file, generated: true };
}
