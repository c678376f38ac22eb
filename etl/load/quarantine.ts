import type { Kysely } from 'kysely';
import type { Database } from '../../sql/schema.ts';
import type { QuarantineReason } from '../../domain/visit-codes.ts';

export interface QuarantineEntry {
  line: number;
  sheet: string | null;
  reason: QuarantineReason;
  detail: string;
  /** Already scrubbed of IINs by the caller. */
  raw: string;
}

const BATCH = 1000;

/** Keeps every rejected row with its raw text, file, line and reason: nothing is dropped. */
export async function insertQuarantine(tx: Kysely<Database>, fileId: string, entries: readonly QuarantineEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += BATCH) {
    await tx.insertInto('quarantine').values(entries.slice(i, i + BATCH).map((e) => ({
      file_id: fileId, source_line: e.line, source_sheet: e.sheet, reason: e.reason, detail: e.detail, raw_text: e.raw,
    }))).execute();
  }
}
