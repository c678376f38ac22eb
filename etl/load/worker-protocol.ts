import type { RejectCode, RejectParams } from '../../domain/reject-reasons.ts';
import type { OfficeDays } from './batch-probe.ts';
import type { IngestTimings } from './ingest-timings.ts';
import type { QuarantineEntry } from './quarantine.ts';
import type { RollupData } from './rollup-copy.ts';
import type { ParsedFile } from './visit-batches.ts';

/** What the loader tells the parse worker to read (plain values only). */
export interface WorkerJob {
  path: string;
  fileOffice: string | null;
  nowMs: number;
  iinKey: string | null;
  regions: readonly string[];
  fileId: string;
  batching: { rows: number; rollupEvery: number };
  timings: boolean;
}

/** The parse worker's messages to the loader. */
export type FromWorker =
  | {
    kind: 'batch'; copyData: Uint8Array<ArrayBuffer>; rows: number; ranges: OfficeDays[]; repeatsItself: boolean;
    quarantined: QuarantineEntry[]; deltas: RollupData | null;
  }
  | { kind: 'progress'; rows: number }
  | { kind: 'done'; summary: ParsedFile; timings: IngestTimings | null }
  | {
    kind: 'error'; rejected: { code: RejectCode; params: RejectParams } | null; missingIinKey: boolean;
    message: string; stack: string | null;
  };

/**
 * The loader's messages to the parse worker: a file to read (one at a time; a worker that finished
 * one waits for the next), or leave to send one more batch.
 */
export type ToWorker = { kind: 'job'; job: WorkerJob } | { kind: 'more' };
