import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { exportVisits } from '../../sql/queries/export-visits.ts';
import { UsageError, type CliIo } from '../io.ts';
import { withDatabase } from '../with-database.ts';

export const summary = 'print stored visits as JSON Lines: vitrina export --from DATE --to DATE [--office CODE]';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { from: { type: 'string' }, to: { type: 'string' }, office: { type: 'string' } } });
  if (!values.from || !DATE.test(values.from) || !values.to || !DATE.test(values.to)) {
    throw new UsageError('--from and --to are required, as YYYY-MM-DD (Almaty calendar days, [from, to))');
  }
  const office = values.office?.trim().toUpperCase();
  const { from, to } = values;
  return withDatabase('vitrina export', async (handle) => {
    if (office) {
      const known = await handle.db.selectFrom('offices').select('code').where('code', '=', office).executeTakeFirst();
      if (!known) throw new UsageError(`unknown office code "${office}"`);
    }
    for await (const visit of exportVisits(handle.db, { from, to, office })) {
      if (!io.stdout.write(`${JSON.stringify(visit)}\n`)) await once(io.stdout, 'drain');
    }
    return 0;
  });
}
