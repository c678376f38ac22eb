import type { Kysely } from 'kysely';
import type { Database, OfficeRow, RegionRow } from '../schema.ts';

export function listRegions(db: Kysely<Database>): Promise<RegionRow[]> {
  return db.selectFrom('regions').selectAll().orderBy('code').execute();
}

export function listOffices(db: Kysely<Database>): Promise<OfficeRow[]> {
  return db.selectFrom('offices').selectAll().orderBy('code').execute();
}
