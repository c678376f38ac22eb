import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '../../domain/roles.ts';
import { upsertUser } from '../../sql/queries/users.ts';
import { hashPassword } from '../../server/auth/passwords.ts';
import { UsageError, writeLine, type CliIo } from '../io.ts';
import { withDatabase } from '../with-database.ts';

export const summary = `create or update a dashboard user: vitrina user add NAME --role ${ROLES.join('|')} [--password P]`;

const NAME = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * vitrina user add NAME --role R [--password P]. Without --password the password is read from
 * stdin (first line), with a prompt when stdin is a terminal. An existing user gets the new role
 * and password.
 */
export async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: { role: { type: 'string' }, password: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  const [name, ...extra] = positionals;
  if (!name || extra.length) throw new UsageError('give exactly one user NAME');
  if (!NAME.test(name)) throw new UsageError(`NAME may hold Latin letters, digits and . _ - (at most 64), got "${name}"`);
  const role = values.role;
  if (!role || !(ROLES as readonly string[]).includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  const password = values.password ?? (await readPassword(io));
  if (password.length < 8) throw new UsageError('the password must be at least 8 characters');
  const created = await withDatabase('vitrina user add', async (handle) =>
    upsertUser(handle.db, { name, role: role as Role, passwordHash: await hashPassword(password) }));
  if (values.json) writeLine(io.stdout, JSON.stringify({ name, role, created }));
  else writeLine(io.stdout, `${created ? 'Created' : 'Updated'} user ${name} (${role}).`);
  return 0;
}

async function readPassword(io: CliIo): Promise<string> {
  const tty = (io.stdin as NodeJS.ReadStream).isTTY === true;
  if (tty) io.stderr.write('Password: ');
  const rl = readline.createInterface({ input: io.stdin, terminal: false });
  try {
    for await (const line of rl) return line.replace(/\r$/, '');
  } finally {
    rl.close();
  }
  throw new UsageError('no password: pass --password or write it on stdin');
}
