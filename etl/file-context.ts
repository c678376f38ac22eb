import type { KnownExamples } from '../sql/compliance/examples.ts';
import type { DatabaseHandle } from '../sql/db.ts';
import type { createCachedClassifier } from './classify/classify-topic.ts';
import type { FileIdentity } from './load/file-records.ts';
import type { IngestTimings } from './load/ingest-timings.ts';
import type { RejectedFileError } from './model.ts';
import type { OfficeResolver } from './transform/resolve-office.ts';

/**
 * What an ingest is told (IngestOptions) and what each file's loader is handed (FileContext). They
 * live apart from pipeline.ts so the loaders it calls can name them without importing it back.
 */
export interface IngestOptions {
  /** Secret for visitor hashes; null refuses files that carry valid IINs. */
  iinKey: string | null;
  actor?: string;
  /** "Now" for the out_of_range rule and the day the touched months are judged as of (tests and the server's clock pin it). */
  now?: Date;
  regions?: readonly string[];
  onProgress?: (event: ProgressEvent) => void;
  /** Rows per staged batch, and batches between rollup writes (tests make them small). */
  batching?: { rows: number; rollupEvery: number };
  /**
   * Parse visit files in a worker thread: true always, false never; unset, for CSV and JSONL files of
   * 4 MB and more on the embedded database (ingest-visits.ts says why; tests force both ways).
   */
  parseInWorker?: boolean;
  /** When given, visit files add the time of each stage to it (the benchmark's breakdown). */
  timings?: IngestTimings;
  /** Files already refused by a check of their own (the server reads uploads in a child first). */
  refused?: ReadonlyMap<string, RejectedFileError>;
  /** Told of a fault that rejected a file but is not the file's own (a bug, a lost connection). */
  onUnexpected?: (error: unknown, path: string) => void;
}

export interface ProgressEvent {
  path: string;
  fileIndex: number;
  fileCount: number;
  rows: number;
}

export interface FileContext {
  handle: DatabaseHandle;
  runId: string;
  file: FileIdentity;
  resolver: OfficeResolver;
  fileOffice: string | null;
  options: IngestOptions;
  classify: ReturnType<typeof createCachedClassifier>;
  classifierVersion: string;
  progress: (rows: number) => void;
  /** Almaty months ('YYYY-MM') the loaded rows fall in: their flags are re-evaluated after the run. */
  touchedMonths: Set<string>;
  /** Flag examples the run's files found as they were parsed, for that re-evaluation. */
  knownExamples: KnownExamples;
}

