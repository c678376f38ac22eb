import type { Kysely } from 'kysely';
import type { Database } from '../../sql/schema.ts';
import type { FileFormat, FileStatus } from '../../domain/visit-codes.ts';
import type { RejectReason } from '../../domain/reject-reasons.ts';

export interface FileCounts {
  rows_read: number;
  rows_loaded: number;
  rows_duplicate: number;
  rows_quarantined: number;
}

export const ZERO_COUNTS: FileCounts = Object.freeze({ rows_read: 0, rows_loaded: 0, rows_duplicate: 0, rows_quarantined: 0 });

export interface FileIdentity {
  path: string;
  sha256: string;
  bytes: number;
}

/** Whether these bytes were already loaded (whatever the file was called then). */
export async function findLoadedFile(db: Kysely<Database>, sha256: string): Promise<string | null> {
  const row = await db.selectFrom('ingested_files').select('path')
    .where('sha256', '=', sha256).where('status', '=', 'loaded').executeTakeFirst();
  return row?.path ?? null;
}

/** Records a file that loads nothing (skipped or rejected), so the admin sees every file sent. */
export async function recordUnloadedFile(
  db: Kysely<Database>, runId: string, file: FileIdentity,
  outcome: {
    status: Exclude<FileStatus, 'loaded'>; format: FileFormat | null; office: string | null; reason: string | null;
    rejected?: RejectReason;
  },
): Promise<void> {
  await db.insertInto('ingested_files').values({
    run_id: runId, sha256: file.sha256, path: file.path, bytes: file.bytes, format: outcome.format,
    office_code: outcome.office, status: outcome.status, reason: outcome.reason, finished_at: new Date(),
    reason_code: outcome.rejected?.code ?? null,
    reason_params: outcome.rejected ? JSON.stringify(outcome.rejected.params) : null,
  }).execute();
}

/** Opens the loaded-file row inside the file's transaction; its id tags every visit of the file. */
export async function insertLoadingFile(
  tx: Kysely<Database>, runId: string, file: FileIdentity, format: FileFormat,
): Promise<string> {
  const row = await tx.insertInto('ingested_files').values({
    run_id: runId, sha256: file.sha256, path: file.path, bytes: file.bytes, format, status: 'loaded',
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Unknown columns are known only once every record was read (JSONL keys, later sheets). */
export async function finishLoadedFile(
  tx: Kysely<Database>, fileId: string, office: string | null, counts: FileCounts, unknownColumns: string[], nulsRemoved = 0,
): Promise<void> {
  await tx.updateTable('ingested_files')
    .set({ ...counts, office_code: office, unknown_columns: unknownColumns, nuls_removed: nulsRemoved, finished_at: new Date() })
    .where('id', '=', fileId).execute();
}

export async function startRun(db: Kysely<Database>, command: string, actor: string): Promise<string> {
  const row = await db.insertInto('runs').values({ command, actor }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function finishRun(db: Kysely<Database>, runId: string, summary: unknown): Promise<void> {
  await db.updateTable('runs').set({ finished_at: new Date(), summary: JSON.stringify(summary) })
    .where('id', '=', runId).execute();
}
