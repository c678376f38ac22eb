import { parseArgs } from 'node:util';
import { config } from '../../domain/config.ts';
import { pruneUploads } from '../../server/upload/retention.ts';
import { UsageError, writeLine, type CliIo } from '../io.ts';

export const summary = 'delete uploads past the audit period and unfinished ones: vitrina uploads prune [--days N] [--json]';

/** The server prunes by itself once a day; this is for a cron job or a server that is not running. */
export async function run(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { days: { type: 'string' }, json: { type: 'boolean', default: false } } });
  const keepDays = values.days === undefined ? config.uploadKeepDays : Number(values.days);
  if (!Number.isInteger(keepDays) || keepDays < 0) throw new UsageError(`--days: expected a whole number of days, found "${values.days}"`);
  const result = await pruneUploads(config.dataDir, { keepDays });
  if (values.json) writeLine(io.stdout, JSON.stringify({ keep_days: keepDays, ...result }));
  else writeLine(io.stdout, `Удалено загрузок: ${result.removed.toLocaleString('ru-RU')} (${(result.bytes / (1 << 20)).toFixed(1)} МБ); хранятся ${keepDays} дн.`);
  return 0;
}
