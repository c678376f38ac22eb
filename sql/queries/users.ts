import { createHash, randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Role } from '../../domain/roles.ts';
import type { Database } from '../schema.ts';

export interface UserRecord {
  id: string;
  name: string;
  role: Role;
  password_hash: string;
}

export async function findUserByName(db: Kysely<Database>, name: string): Promise<UserRecord | undefined> {
  return db.selectFrom('users').select(['id', 'name', 'role', 'password_hash'])
    .where('name', '=', name).where('disabled', '=', false).executeTakeFirst();
}

/**
 * Creates the user, or replaces the role and password of an existing one; returns whether it was
 * new. A changed password or role ends the user's sessions: whoever held the old password (or the
 * old rights) is logged out everywhere.
 */
export async function upsertUser(db: Kysely<Database>, user: { name: string; role: Role; passwordHash: string }): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const r = await sql<{ id: string; inserted: boolean }>`
      insert into users (name, role, password_hash) values (${user.name}, ${user.role}, ${user.passwordHash})
      on conflict (name) do update set role = excluded.role, password_hash = excluded.password_hash, disabled = false
      returning id, (xmax = 0) as inserted`.execute(tx);
    const row = r.rows[0];
    if (row && !row.inserted) await tx.deleteFrom('sessions').where('user_id', '=', row.id).execute();
    return row?.inserted ?? false;
  });
}

/** Disables the user and ends every session of theirs; false when there is no such user. */
export async function disableUser(db: Kysely<Database>, name: string): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const row = await tx.updateTable('users').set({ disabled: true }).where('name', '=', name).returning('id').executeTakeFirst();
    if (!row) return false;
    await tx.deleteFrom('sessions').where('user_id', '=', row.id).execute();
    return true;
  });
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const r = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export interface SessionRecord {
  userId: string;
  name: string;
  role: Role;
  csrfToken: string;
}

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Opens a session; returns the cookie token (only its hash is stored) and the CSRF token. */
export async function createSession(db: Kysely<Database>, userId: string, ttlMs: number): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  await db.insertInto('sessions').values({
    token_hash: tokenHash(token), user_id: userId, csrf_token: csrfToken, expires_at: new Date(Date.now() + ttlMs),
  }).execute();
  // Expired sessions are swept here rather than by a timer: logins are rare and this stays cheap.
  await db.deleteFrom('sessions').where('expires_at', '<', new Date()).execute();
  return { token, csrfToken };
}

export async function findSession(db: Kysely<Database>, token: string): Promise<SessionRecord | undefined> {
  const row = await db.selectFrom('sessions as s').innerJoin('users as u', 'u.id', 's.user_id')
    .select(['u.id as userId', 'u.name', 'u.role', 's.csrf_token as csrfToken'])
    .where('s.token_hash', '=', tokenHash(token)).where('s.expires_at', '>', new Date()).where('u.disabled', '=', false)
    .executeTakeFirst();
  return row;
}

export async function deleteSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash(token)).execute();
}
