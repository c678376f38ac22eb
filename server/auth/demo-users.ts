import type { Kysely } from 'kysely';
import { ROLES, type Role } from '../../domain/roles.ts';
import { findUserByName, upsertUser } from '../../sql/queries/users.ts';
import type { Database } from '../../sql/schema.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

export const DEMO_PASSWORD = 'vitrina-demo';

/** One demo user per role, named after it, password vitrina-demo. Only ever called for the embedded demo. */
export async function createDemoUsers(db: Kysely<Database>): Promise<Role[]> {
  for (const role of ROLES) await upsertUser(db, { name: role, role, passwordHash: await hashPassword(DEMO_PASSWORD) });
  return [...ROLES];
}

/** The demo users that still have the demo password (so the console does not advertise changed ones). */
export async function liveDemoUsers(db: Kysely<Database>): Promise<Role[]> {
  const out: Role[] = [];
  for (const role of ROLES) {
    const u = await findUserByName(db, role);
    if (u && u.role === role && (await verifyPassword(u.password_hash, DEMO_PASSWORD))) out.push(role);
  }
  return out;
}
