import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { RejectedFileError } from '../model.ts';
import { MissingIinKeyError } from '../transform/normalize-visit.ts';
import type { IngestTimings } from './ingest-timings.ts';
import { INGEST_STAGES } from './ingest-timings.ts';
import type { ParsedBatch, ParsedFile } from './visit-batches.ts';
import type { FromWorker, ToWorker, WorkerJob } from './worker-protocol.ts';

/** The worker's module: its build when the CLI runs from one (cli/bundle.mjs), else the tsx bootstrap of its source. */
const WORKER_URL = typeof VITRINA_BUNDLE_DIR === 'string'
  ? pathToFileURL(path.join(VITRINA_BUNDLE_DIR, 'etl', 'load', 'visit-worker.js'))
  : new URL('./visit-worker.mjs', import.meta.url);
/**
 * A worker that finished a file waits this long for the next one before it ends: a run of many
 * files (a folder, a batch of uploads) starts it once instead of paying its start-up (0.3–1 s) per file.
 */
const IDLE_MS = 10_000;

let idle: { worker: Worker; timer: NodeJS.Timeout } | null = null;
let started = 0;

/** How many parse workers this process has started: one per run of files, not one per file. */
export function parseWorkersStarted(): number {
  return started;
}

function takeWorker(): Worker {
  if (idle) {
    const { worker, timer } = idle;
    idle = null;
    clearTimeout(timer);
    worker.ref();
    return worker;
  }
  // execArgv of this process (a test runner's, say) is not the worker's business: its bootstrap loads what it needs.
  const worker = new Worker(WORKER_URL, { execArgv: [] });
  started++;
  worker.once('exit', () => { if (idle?.worker === worker) { clearTimeout(idle.timer); idle = null; } });
  return worker;
}

/** Keeps a worker that ended its file cleanly for the next file; an idle worker never holds the process open. */
function keepIdle(worker: Worker): void {
  if (idle) void takeWorker().terminate();
  worker.unref();
  const timer = setTimeout(() => { idle = null; void worker.terminate(); }, IDLE_MS);
  timer.unref();
  idle = { worker, timer };
}

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
    const worker = takeWorker();
    const post = (m: ToWorker) => worker.postMessage(m);
    const inbox: FromWorker[] = [];
    let failure: Error | null = null;
    let wake: (() => void) | null = null;
    const notify = () => { wake?.(); wake = null; };
    const onMessage = (m: FromWorker) => { inbox.push(m); notify(); };
    const onError = (err: Error) => { failure = err; notify(); };
    const onExit = (code: number) => { failure ??= new Error(`the parse worker stopped (exit code ${code}) before the end of the file`); notify(); };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    let finished = false;
    try {
      post({ kind: 'job', job });
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
            copyData: m.copyData, rows: m.rows, ranges: m.ranges, repeatsItself: m.repeatsItself, quarantined: m.quarantined,
            deltas: m.deltas, release: () => post({ kind: 'more' }), releaseDeltas: () => {},
          };
        } else if (m.kind === 'done') {
          summary = m.summary;
          if (timings && m.timings) for (const s of INGEST_STAGES) timings[s] += m.timings[s];
          finished = true;
          return;
        } else {
          // The worker reported its file's failure and waits for the next job, as after 'done'.
          finished = true;
          if (m.rejected) throw new RejectedFileError(m.rejected.code, m.rejected.params);
          if (m.missingIinKey) throw new MissingIinKeyError();
          const err = new Error(m.message);
          if (m.stack) err.stack = m.stack;
          throw err;
        }
      }
    } finally {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      // Only a worker that answered its whole file (its end or its failure) is known to be idle; one
      // stopped midway, or one that died, ends.
      if (finished) keepIdle(worker);
      else await worker.terminate();
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
