/**
 * Where a visit file's load spends its time, for the benchmark (`VITRINA_INGEST_TIMINGS=1`):
 * milliseconds per stage, summed over the run. Node stages (parse … format) run while PostgreSQL
 * works on the previous batch (copy, merge, rollups), so on a server the stages add up to more
 * than the wall time. `flags` is the re-evaluation of the touched months after the files.
 */
export const INGEST_STAGES = ['parse', 'validate', 'hash', 'classify', 'format', 'probe', 'copy', 'merge', 'rollups', 'flags'] as const;
export type IngestStage = (typeof INGEST_STAGES)[number];
export type IngestTimings = Record<IngestStage, number> & { batches_copied: number; batches_merged: number };

export function createIngestTimings(): IngestTimings {
  const t = { batches_copied: 0, batches_merged: 0 } as IngestTimings;
  for (const s of INGEST_STAGES) t[s] = 0;
  return t;
}

/** Runs fn, adding its duration to `stage` when timings are kept. */
export async function timed<T>(timings: IngestTimings | undefined, stage: IngestStage, fn: () => Promise<T>): Promise<T> {
  if (!timings) return fn();
  const start = performance.now();
  try {
    return await fn();
  } finally {
    timings[stage] += performance.now() - start;
  }
}
