import { parseArgs } from 'node:util';
import { disableUser } from '../../sql/queries/users.ts';
import { UsageError, writeLine, type CliIo } from '../io.ts';
import { withDatabase } from '../with-database.ts';

export const summary = 'disable a dashboard user and end their sessions: vitrina user disable NAME [--json]';

/**
 * vitrina user disable NAME: the user can no longer log in and every open session of theirs ends
 * at once (the next request answers 401). `vitrina user add NAME` with a new password enables them again.
 * Exit 1 when there is no such user.
 */
export async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
  const [name, ...extra] = positionals;
  if (!name || extra.length) throw new UsageError('give exactly one user NAME');
  const disabled = await withDatabase('vitrina user disable', (handle) => disableUser(handle.db, name));
  if (values.json) writeLine(io.stdout, JSON.stringify({ name, disabled }));
  else writeLine(disabled ? io.stdout : io.stderr, disabled ? `Disabled user ${name}; their sessions have ended.` : `No user ${name}.`);
  return disabled ? 0 : 1;
}
