import type { Kysely } from 'kysely';
import { listOffices } from '../../sql/queries/offices.ts';
import type { Database, OfficeRow } from '../../sql/schema.ts';
import { sharedRead } from './shared-read.ts';

/**
 * The office registry as every request checks its filter against it. It changes only when
 * `vitrina migrate` loads registry files, so it is read at most every REGISTRY_TTL_MS per database
 * instead of once per request.
 */
const REGISTRY_TTL_MS = 10_000;
const byDb = new WeakMap<Kysely<Database>, ReturnType<typeof sharedRead<'offices', OfficeRow[]>>>();

export function registryOffices(db: Kysely<Database>): Promise<OfficeRow[]> {
  let read = byDb.get(db);
  if (!read) {
    read = sharedRead<'offices', OfficeRow[]>(() => listOffices(db), REGISTRY_TTL_MS);
    byDb.set(db, read);
  }
  return read.get('offices');
}
