import { sql, type Kysely } from 'kysely';
import type { Database, LoginFailureTable } from '../schema.ts';

export type LoginFailureRecord = Pick<LoginFailureTable, 'key' | 'failures' | 'first_at' | 'last_at'>;

/** The failure rows of the given keys that are still inside their window (first failure after `since`). */
export function getLoginFailures(db: Kysely<Database>, keys: readonly string[], since: Date): Promise<LoginFailureRecord[]> {
  return db.selectFrom('login_failures').select(['key', 'failures', 'first_at', 'last_at'])
    .where('key', 'in', keys).where('first_at', '>', since).execute();
}

/** Counts one more failure for each key; a key whose window began at or before `since` starts a new one. */
export async function addLoginFailure(db: Kysely<Database>, keys: readonly string[], at: Date, since: Date): Promise<void> {
  for (const key of keys) {
    await sql`
      insert into login_failures (key, failures, first_at, last_at) values (${key}, 1, ${at}, ${at})
      on conflict (key) do update set
        failures = case when login_failures.first_at <= ${since} then 1 else login_failures.failures + 1 end,
        first_at = case when login_failures.first_at <= ${since} then ${at} else login_failures.first_at end,
        last_at = ${at}`.execute(db);
  }
}

export async function clearLoginFailures(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('login_failures').where('key', '=', key).execute();
}

/** Rows whose window ended long ago; swept on a failure, as sessions are on a login. */
export async function sweepLoginFailures(db: Kysely<Database>, before: Date): Promise<void> {
  await db.deleteFrom('login_failures').where('first_at', '<', before).execute();
}
