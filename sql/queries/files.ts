import { sql, type Kysely } from 'kysely';
import { nextMonth } from '../../domain/calendar.ts';
import type { FileStatus, QuarantineReason } from '../../domain/visit-codes.ts';
import type { Database, IngestedFileRow, QuarantineRow } from '../schema.ts';

export interface Page {
  limit: number;
  offset: number;
}

export interface FilesFilter {
  office?: string | undefined;
  status?: FileStatus | undefined;
  /** 'YYYY-MM': files whose covered days touch the month, or, covering none, received in it (Almaty). */
  month?: string | undefined;
}

export type IngestedFileListRow = IngestedFileRow & { covered_from: string | null; covered_to: string | null };

/** Ingested files, newest first, filtered, with the total count of the filter for paging and each file's covered days. */
export async function listIngestedFiles(db: Kysely<Database>, filter: FilesFilter, page: Page): Promise<{ total: number; rows: IngestedFileListRow[] }> {
  let q = db.selectFrom('ingested_files as f');
  if (filter.status !== undefined) q = q.where('f.status', '=', filter.status);
  if (filter.office !== undefined) {
    const office = filter.office;
    q = q.where((eb) => eb.or([
      eb('f.office_code', '=', office),
      eb.exists(eb.selectFrom('file_coverage as c').select('c.file_id').whereRef('c.file_id', '=', 'f.id').where('c.office_code', '=', office)),
    ]));
  }
  if (filter.month !== undefined) {
    const from = `${filter.month}-01`;
    const to = nextMonth(from);
    q = q.where((eb) => eb.or([
      eb.exists(eb.selectFrom('file_coverage as c').select('c.file_id').whereRef('c.file_id', '=', 'f.id')
        .where('c.first_day', '<', to).where('c.last_day', '>=', from)),
      eb.and([
        eb.not(eb.exists(eb.selectFrom('file_coverage as c').select('c.file_id').whereRef('c.file_id', '=', 'f.id'))),
        eb(sql<string>`(f.started_at at time zone 'Asia/Almaty')::date`, '>=', from),
        eb(sql<string>`(f.started_at at time zone 'Asia/Almaty')::date`, '<', to),
      ]),
    ]));
  }
  const [rows, total] = await Promise.all([
    q.selectAll('f')
      .select((eb) => [
        eb.selectFrom('file_coverage as c').whereRef('c.file_id', '=', 'f.id').select((e) => e.fn.min('c.first_day').as('d')).as('covered_from'),
        eb.selectFrom('file_coverage as c').whereRef('c.file_id', '=', 'f.id').select((e) => e.fn.max('c.last_day').as('d')).as('covered_to'),
      ])
      .orderBy('f.id', 'desc').limit(page.limit).offset(page.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
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
