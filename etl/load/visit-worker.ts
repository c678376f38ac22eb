import { parentPort } from 'node:worker_threads';
import { readRegistry, registryOffices } from '../../sql/registry.ts';
import { CLASSIFIER_VERSION, createCachedClassifier } from '../classify/classify-topic.ts';
import { RejectedFileError, type VisitField, type ReadResult } from '../model.ts';
import { readFile } from '../read/read-file.ts';
import { MissingIinKeyError } from '../transform/normalize-visit.ts';
import { createOfficeResolver } from '../transform/resolve-office.ts';
import { createIngestTimings } from './ingest-timings.ts';
import { ROLLUP_TABLES, type RollupCopy, type RollupData } from './rollup-copy.ts';
import { parseVisitBatches } from './visit-batches.ts';
import type { FromWorker, ToWorker, WorkerJob } from './worker-protocol.ts';

/**
 * The parse worker: reads visit files one at a time and sends each one's batches to the loader on
 * the main thread, which meanwhile writes the previous ones (worker-batches.ts). At most two batches
 * are in flight; the loader sends 'more' as it finishes one. Between files the worker waits for the
 * next job, so a run of several files starts it once.
 */
const port = parentPort;
if (!port) throw new Error('visit-worker.ts runs only as a worker thread');
const send = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

let credits = 2;
let wake: (() => void) | null = null;
port.on('message', (m: ToWorker) => {
  if (m.kind === 'job') {
    credits = 2;
    run(m.job).catch(sendError);
    return;
  }
  credits++;
  wake?.();
  wake = null;
});
const credit = async () => {
  while (credits === 0) await new Promise<void>((resolve) => { wake = resolve; });
  credits--;
};

async function run(job: WorkerJob): Promise<void> {
  const read = await readFile(job.path);
  if (read.format === 'inspection') throw new Error('visit-worker: an inspection file was sent to the visit loader');
  const timings = job.timings ? createIngestTimings() : undefined;
  const parsed = parseVisitBatches(read as ReadResult<VisitField>, {
    resolver: createOfficeResolver(registryOffices(readRegistry(job.regions))),
    fileOffice: job.fileOffice, now: new Date(job.nowMs), iinKey: job.iinKey,
    classify: createCachedClassifier(), classifierVersion: CLASSIFIER_VERSION, fileId: job.fileId, filePath: job.path,
    batching: job.batching, timings, progress: (rows) => send({ kind: 'progress', rows }),
  });
  for await (const batch of parsed.batches) {
    await credit();
    // Only the batch's bytes cross, moved rather than copied; its buffer is refilled at once.
    const copyData = batch.copyData.slice();
    batch.release();
    // The deltas' bytes too, their buffers kept for the next deltas.
    const deltas = batch.deltas ? copyOfRollups(batch.deltas) : null;
    batch.releaseDeltas();
    send({
      kind: 'batch', copyData, rows: batch.rows, ranges: batch.ranges, repeatsItself: batch.repeatsItself,
      quarantined: batch.quarantined, deltas,
    }, [copyData.buffer, ...(deltas ? ROLLUP_TABLES.map((t) => deltas[t].data.buffer) : [])]);
  }
  send({ kind: 'done', summary: parsed.summary(), timings: timings ?? null });
}

function copyOfRollups(data: RollupData): RollupData {
  const copy = ({ data: bytes, rows }: RollupCopy): RollupCopy => ({ data: bytes.slice(), rows });
  const tables = {} as RollupData;
  for (const table of ROLLUP_TABLES) tables[table] = copy(data[table]);
  return tables;
}

function sendError(err: unknown): void {
  send({
    kind: 'error',
    rejected: err instanceof RejectedFileError ? { code: err.code, params: err.params } : null,
    missingIinKey: err instanceof MissingIinKeyError,
    message: err instanceof Error ? err.message : String(err),
    stack: err instanceof Error ? err.stack ?? null : null,
  });
}
