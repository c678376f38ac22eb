import { Worker } from 'node:worker_threads';
import { RejectedFileError } from '../model.ts';
import { MissingIinKeyError } from '../transform/normalize-visit.ts';
import type { IngestTimings } from './ingest-timings.ts';
import { INGEST_STAGES } from './ingest-timings.ts';
import { rollupLinesOfText } from './rollup-deltas.ts';
import type { ParsedBatch, ParsedFile } from './visit-batches.ts';
import type { FromWorker, WorkerJob } from './worker-protocol.ts';

const WORKER_URL = new URL('./visit-worker.mjs', import.meta.url);

/**
 * A visit file parsed in a worker thread (visit-worker.ts), as the same batches parseVisitBatches
 * gives in this thread: the per-row work then runs on the second core while this thread drives the
 * database — with the embedded database, runs the database itself. A failure in the worker arrives
 * as the same error the parse would have thrown here; stopping early ends the worker.
 */
export function workerVisitBatches(job: WorkerJob, onProgress: (rows: number) => void, timings?: IngestTimings): {
  batches: AsyncGenerator<ParsedBatch>; summary(): ParsedFile;
} {
  let summary: ParsedFile | null = null;

  async function* batches(): AsyncGenerator<ParsedBatch> {
    // execArgv of this process (a test runner's, say) is not the worker's business: its bootstrap loads what it needs.
    const worker = new Worker(WORKER_URL, { workerData: job, execArgv: [] });
    const inbox: FromWorker[] = [];
    let failure: Error | null = null;
    let wake: (() => void) | null = null;
    const notify = () => { wake?.(); wake = null; };
    worker.on('message', (m: FromWorker) => { inbox.push(m); notify(); });
    worker.on('error', (err) => { failure = err; notify(); });
    worker.on('exit', (code) => { failure ??= new Error(`the parse worker stopped (exit code ${code}) before the end of the file`); notify(); });
    try {
      for (;;) {
        const m = inbox.shift();
        if (m === undefined) {
          if (failure) throw failure;
          await new Promise<void>((resolve) => { wake = resolve; });
          continue;
        }
        if (m.kind === 'progress') onProgress(m.rows);
        else if (m.kind === 'batch') {
          yield {
            text: m.text, rows: m.rows, ranges: m.ranges, repeatsItself: m.repeatsItself, quarantined: m.quarantined,
            deltas: m.deltas ? rollupLinesOfText(m.deltas) : null, release: () => worker.postMessage('more'),
          };
        } else if (m.kind === 'done') {
          summary = m.summary;
          if (timings && m.timings) for (const s of INGEST_STAGES) timings[s] += m.timings[s];
          return;
        } else {
          if (m.rejected) throw new RejectedFileError(m.rejected.code, m.rejected.params);
          if (m.missingIinKey) throw new MissingIinKeyError();
          const err = new Error(m.message);
          if (m.stack) err.stack = m.stack;
          throw err;
        }
      }
    } finally {
      await worker.terminate();
    }
  }

  return {
    batches: batches(),
    summary() {
      if (!summary) throw new Error('workerVisitBatches: summary asked before the last batch');
      return summary;
    },
  };
}
