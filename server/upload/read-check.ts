import { readFile } from '../../etl/read/read-file.ts';
import { RejectedFileError } from '../../etl/model.ts';
import type { RejectReason } from '../../domain/reject-reasons.ts';

/** One message each way between the server and its read-check child. */
export type ReadCheckRequest = { path: string };
export type ReadCheckReply = { path: string; rejected: RejectReason | null };

/**
 * Reads one file to its end through the same readers the ingest uses, keeping nothing: run in a child
 * process with a small heap, it tells whether reading the file stays within bounds before the server
 * reads it for real.
 */
export async function readCheck(path: string): Promise<RejectReason | null> {
  try {
    const read = await readFile(path);
    for await (const record of read.records) void record;
    return null;
  } catch (error) {
    if (error instanceof RejectedFileError) return { code: error.code, params: error.params };
    // Not the reader's verdict (a fault of ours, a file gone): the real ingest will meet it and report it.
    return null;
  }
}
