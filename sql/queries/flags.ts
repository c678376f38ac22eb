import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { FlagRow } from '../schema/compliance.ts';

export function getFlag(db: Kysely<Database>, id: number): Promise<FlagRow | undefined> {
  return db.selectFrom('flags').selectAll().where('id', '=', String(id)).executeTakeFirst();
}

/** An office's flags, newest month first (the office page). */
export function listOfficeFlags(db: Kysely<Database>, office: string): Promise<FlagRow[]> {
  return db.selectFrom('flags').selectAll().where('office_code', '=', office).orderBy('month', 'desc').orderBy('rule').limit(200).execute();
}
