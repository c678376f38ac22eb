import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { FlagRow } from '../schema/compliance.ts';

export function getFlag(db: Kysely<Database>, id: number): Promise<FlagRow | undefined> {
  return db.selectFrom('flags').selectAll().where('id', '=', String(id)).executeTakeFirst();
}
