import path from 'node:path';
import { sql } from 'kysely';
import type { FileReport, ReadResult, VisitField } from '../model.ts';
import { RejectedFileError } from '../model.ts';
import type { FileContext } from '../file-context.ts';
import { MissingIinKeyError } from '../transform/normalize-visit.ts';
import { batchIsNew } from './batch-probe.ts';
import { fromArray, prefetch } from './batches.ts';
import { writeFileCoverage } from './file-coverage.ts';
import { finishLoadedFile, insertLoadingFile } from './file-records.ts';
import { timed } from './ingest-timings.ts';
import { addKnownExamples } from '../../sql/compliance/examples.ts';
import { insertQuarantine } from './quarantine.ts';
import { rollupCopy } from './rollup-copy.ts';
import { createRollupDeltas } from './rollup-deltas.ts';
import { clearStaging, copyNewVisits, createStagingTable, mergeStagedVisits, stageVisits } from './stage-visits.ts';
import { parseVisitBatches } from './visit-batches.ts';
import { workerVisitBatches } from './worker-batches.ts';
import { stagedDuplicateFacts, writeRollupDeltas } from './write-rollup-deltas.ts';

/**
 * 10,000 rows a batch, rollups every 16 batches (~160,000 rows). Each batch costs four round trips
 * (probe, savepoint, COPY, release) on a connection whose replies wait for this thread's turn between
 * rows: batches of 20,000 loaded a million rows ~10 % faster than batches of 5,000 in alternating
 * pairs, but peaked ~30 MB higher. A batch's COPY data is ~3 MB.
 */
const BATCHING = { rows: 10_000, rollupEvery: 16 };
/**
 * Batches parsed ahead of the one being written: enough to keep the parse going through a rollup
 * write (half a second every 16 batches).
 */
const PREFETCH_BATCHES = 4;
/**
 * On the embedded database, a CSV or JSONL file from this size is parsed in a worker thread, since
 * PGlite runs on this thread and the parse would otherwise take turns with it: 200,000 rows load
 * ~15 % faster. Starting a worker costs 0.3–1 s, which a file of ~40,000 rows wins back. On a
 * PostgreSQL server the database already works in its own process beside this one, and a worker
 * measured no faster there while its heap added 50–100 MB. XLSX and Arrow files stay here.
 */
const WORKER_MIN_BYTES = 4 << 20;

/**
 * Loads one visit file in one transaction; a failure anywhere leaves nothing of it behind. A batch
 * whose offices and days hold no stored visit (the usual case: a new period of an office) is
 * copied straight into visits; only a batch that may repeat stored identities is staged and merged.
 */
export async function ingestVisits(ctx: FileContext, read: ReadResult<VisitField>): Promise<FileReport> {
  const timings = ctx.options.timings;
  const batching = ctx.options.batching ?? BATCHING;
  const inWorker = ctx.options.parseInWorker
    ?? (ctx.handle.kind === 'pglite' && (read.format === 'csv' || read.format === 'jsonl') && ctx.file.bytes >= WORKER_MIN_BYTES);
  try {
    const report = await ctx.handle.transaction(async (tx, copy) => {
      const fileId = await insertLoadingFile(tx, ctx.runId, ctx.file, read.format === 'inspection' ? 'csv' : read.format);
      const parsed = inWorker
        ? workerVisitBatches({
          path: ctx.file.path, fileOffice: ctx.fileOffice, nowMs: (ctx.options.now ?? new Date()).getTime(),
          iinKey: ctx.options.iinKey, regions: ctx.options.regions ?? ['almaty-oblast'], fileId, batching, timings: timings !== undefined,
        }, ctx.progress, timings)
        : parseVisitBatches(read, {
          resolver: ctx.resolver, fileOffice: ctx.fileOffice, now: ctx.options.now ?? new Date(), iinKey: ctx.options.iinKey,
          classify: ctx.classify, classifierVersion: ctx.classifierVersion, fileId, filePath: ctx.file.path, batching, timings, progress: ctx.progress,
        });
      // The rollups of rows the merge turns away as duplicates, taken back out when the deltas are written.
      let duplicates = createRollupDeltas();
      let anyDuplicate = false;
      // Whether every batch since the last deltas went straight in: their days' rollup rows are new.
      let allNew = true;
      let quarantined = 0;
      let staging = false;
      let staged = 0;
      let loaded = 0;
      // In this thread, the next batches are parsed while one is written; a worker runs ahead on its own.
      for await (const batch of inWorker ? parsed.batches : prefetch(parsed.batches, PREFETCH_BATCHES)) {
        staged += batch.rows;
        if (batch.rows > 0) {
          const isNew = await timed(timings, 'probe', () => batchIsNew(tx, batch.ranges, batch.repeatsItself));
          const copied = isNew ? await timed(timings, 'copy', () => copyNewVisits(tx, copy, fromArray([batch.copyData]))) : null;
          if (copied !== null) {
            loaded += copied;
            if (timings) timings.batches_copied++;
          } else {
            if (!staging) await createStagingTable(tx);
            staging = true;
            allNew = false;
            await timed(timings, 'copy', () => stageVisits(copy, fromArray([batch.copyData])));
            await timed(timings, 'merge', async () => {
              const merged = await mergeStagedVisits(tx);
              loaded += merged;
              if (merged < batch.rows) {
                for (const dup of await stagedDuplicateFacts(tx, fileId)) duplicates.add(dup, -1);
                anyDuplicate = true;
              }
              await clearStaging(tx);
            });
            if (timings) timings.batches_merged++;
          }
        }
        batch.release();
        // A batch carries at most a bounded quarantine (visit-batches.ts): written as it comes.
        await insertQuarantine(tx, fileId, batch.quarantined);
        quarantined += batch.quarantined.length;
        // Every write adds, so the parse's sums and the duplicates' subtractions go in separately.
        const deltas = batch.deltas;
        if (deltas) {
          await timed(timings, 'rollups', async () => {
            await writeRollupDeltas(tx, copy, deltas, allNew);
            if (anyDuplicate) await writeRollupDeltas(tx, copy, rollupCopy(duplicates));
          });
          batch.releaseDeltas();
          duplicates = createRollupDeltas();
          anyDuplicate = false;
          allNew = true;
        }
      }
      const file = parsed.summary();
      if (ctx.fileOffice === null && file.rowsRead > 0 && file.rowsNamingOffice === 0) {
        // Contract §2: neither an office column nor the file name names an office. Throwing here
        // rolls back what was staged: the file is rejected whole.
        throw new RejectedFileError('no_office', { file: path.basename(ctx.file.path) });
      }
      const offices = new Set(file.coverage.map((c) => c.office));
      await assertOfficesKnown(tx, offices);
      await writeFileCoverage(tx, fileId, file.coverage);
      // The report's office: the file's one office, or null when its rows name several.
      const office = offices.size === 1 ? [...offices][0] ?? null : offices.size === 0 ? ctx.fileOffice : null;
      const counts = {
        rows_read: file.rowsRead, rows_loaded: loaded, rows_duplicate: staged - loaded, rows_quarantined: quarantined,
      };
      await finishLoadedFile(tx, fileId, office, counts, read.unknownColumns, file.nulsRemoved);
      const loadedFile: FileReport = {
        path: ctx.file.path, status: 'loaded', format: read.format, office, ...counts,
        reason: null, reason_code: null, reason_params: null, nuls_removed: file.nulsRemoved,
      };
      // Examples picked while parsing stand for the stored visits only when every row went straight in.
      return { loadedFile, months: file.months, examples: staging ? null : file.examples };
    });
    // Only a committed file's months have flags to re-evaluate.
    for (const m of report.months) ctx.touchedMonths.add(m);
    if (report.examples) addKnownExamples(ctx.knownExamples, report.examples);
    return report.loadedFile;
  } catch (err) {
    if (err instanceof MissingIinKeyError) throw new RejectedFileError('missing_iin_key');
    throw err;
  }
}

/**
 * visits has no foreign key to offices (a per-row trigger, migration 0012): the offices come from
 * the registry the offices table is synced from, and this checks once per file that they are there.
 */
async function assertOfficesKnown(tx: Parameters<typeof createStagingTable>[0], offices: ReadonlySet<string>): Promise<void> {
  if (offices.size === 0) return;
  const wanted = [...offices];
  const r = await sql<{ code: string }>`select code from offices where code = any(${wanted}::text[])`.execute(tx);
  const known = new Set(r.rows.map((row) => row.code));
  const missing = wanted.filter((o) => !known.has(o));
  if (missing.length > 0) throw new Error(`offices ${missing.join(', ')} are in the registry but not in the database: run vitrina migrate`);
}
