import type { Kysely } from 'kysely';
import type { QuarantineReason } from '../domain/visit-codes.ts';
import type { Database, IngestedFileRow, QuarantineRow } from '../schema.ts';

export interface Page {
  limit: number;
  offset: number;
}

/** Ingested files, newest first, with the total count for paging. */
export async function listIngestedFiles(db: Kysely<Database>, page: Page): Promise<{ total: number; rows: IngestedFileRow[] }> {
  const [rows, total] = await Promise.all([
    db.selectFrom('ingested_files').selectAll().orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute(),
    db.selectFrom('ingested_files').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { total: Number(total.n), rows };
}

export type QuarantineListRow = QuarantineRow & { path: string };

/** Quarantined rows with their file's path, newest file first, then by line. */
export async function listQuarantine(
  db: Kysely<Database>, filter: { file?: number | undefined; reason?: QuarantineReason | undefined }, page: Page,
): Promise<{ total: number; rows: QuarantineListRow[] }> {
  let q = db.selectFrom('quarantine as q').innerJoin('ingested_files as f', 'f.id', 'q.file_id');
  if (filter.file !== undefined) q = q.where('q.file_id', '=', String(filter.file));
  if (filter.reason !== undefined) q = q.where('q.reason', '=', filter.reason);
  const [rows, total] = await Promise.all([
    q.selectAll('q').select('f.path').orderBy('q.file_id', 'desc').orderBy('q.source_line').orderBy('q.id')
      .limit(page.limit).offset(page.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { total: Number(total.n), rows };
}
