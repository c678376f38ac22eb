import path from 'node:path';
import { sql } from 'kysely';
import { fromArray, prefetchOne } from './batches.ts';
import { CopyBufferPool, type CopyBuffer } from './copy-buffers.ts';
import { BatchProbe } from './batch-probe.ts';
import type { FileReport, ReadResult, VisitField } from '../model.ts';
import { RejectedFileError } from '../model.ts';
import type { FileContext } from '../file-context.ts';
import { MissingIinKeyError, createVisitNormalizer } from '../transform/normalize-visit.ts';
import { scrubIin } from '../transform/scrub-iin.ts';
import { createFileCoverage } from './file-coverage.ts';
import { finishLoadedFile, insertLoadingFile } from './file-records.ts';
import { timed } from './ingest-timings.ts';
import { insertQuarantine, type QuarantineEntry } from './quarantine.ts';
import { createRollupDeltas } from './rollup-deltas.ts';
import { clearStaging, copyNewVisits, createStagingTable, mergeStagedVisits, stageVisits, visitCopyLine } from './stage-visits.ts';
import { stagedDuplicateFacts, writeRollupDeltas } from './write-rollup-deltas.ts';

const PROGRESS_EVERY = 50_000;
/**
 * 5,000 rows a batch: a batch copied straight in costs one probe and one COPY, so small batches lose
 * little speed, and the rows held in memory (the batch being written, the next being parsed) stay few.
 */
const BATCHING = { rows: 5_000, rollupEvery: 30 };
/** Quarantined rows kept in memory before they are written (a file of junk lines is all quarantine). */
const QUARANTINE_FLUSH = 10_000;

/** A batch's COPY text and what its rows could collide with. */
interface VisitBatch {
  text: CopyBuffer;
  rows: number;
  probe: BatchProbe;
}

/**
 * Loads one visit file in one transaction; a failure anywhere leaves nothing of it behind. A batch
 * whose offices and days hold no stored visit (the usual case: a new period of an office) is
 * copied straight into visits; only a batch that may repeat stored identities is staged and merged.
 */
export async function ingestVisits(ctx: FileContext, read: ReadResult<VisitField>): Promise<FileReport> {
  const timings = ctx.options.timings;
  const hashTime = timings ? { ms: 0 } : undefined;
  const normalize = createVisitNormalizer({
    resolver: ctx.resolver, fileOffice: ctx.fileOffice, now: ctx.options.now ?? new Date(), iinKey: ctx.options.iinKey, hashTime,
  });
  const quarantined: QuarantineEntry[] = [];
  let quarantinedWritten = 0;
  const offices = new Set<string>();
  let rowsRead = 0;
  let rowsNamingOffice = 0;
  const months = new Set<string>();
  const coverage = createFileCoverage();
  // Rollups are summed here as rows are parsed; duplicates the merge turns away are taken back out.
  // Written every `rollupEvery` batches, so the sums of a huge file never all sit in memory.
  let deltas = createRollupDeltas();
  const batching = ctx.options.batching ?? BATCHING;
  const buffers = new CopyBufferPool();

  async function* visitBatches(fileId: string): AsyncGenerator<VisitBatch> {
    const records = read.records[Symbol.asyncIterator]();
    let text = buffers.take();
    let probe = new BatchProbe();
    let rows = 0;
    let lastOfficeDay = '';
    let clock = timings ? performance.now() : 0;
    // Each stage's time is the clock's advance since the previous stage ended.
    const lap = (stage: 'parse' | 'validate' | 'classify' | 'format' | 'rollups') => {
      if (!timings) return;
      const now = performance.now();
      timings[stage] += now - clock;
      clock = now;
    };
    for (;;) {
      if (timings) clock = performance.now();
      const next = await records.next();
      lap('parse');
      if (next.done) break;
      const rec = next.value;
      rowsRead++;
      if (rowsRead % PROGRESS_EVERY === 0) ctx.progress(rowsRead);
      const office = rec.values?.office;
      if (office !== undefined && office !== null && office !== '') rowsNamingOffice++;
      const result = normalize(rec);
      lap('validate');
      if (!result.ok) {
        quarantined.push({ line: rec.line, sheet: rec.sheet, reason: result.reason, detail: result.detail, raw: scrubIin(rec.raw) });
        continue;
      }
      const v = result.visit;
      offices.add(v.office_code);
      months.add(v.arrival_date.slice(0, 7));
      coverage.add(v.office_code, v.arrival_date);
      const c = ctx.classify(v.topic_text, v.service);
      lap('classify');
      deltas.add({
        office: v.office_code, day: v.arrival_date, arrivedMs: v.arrived_at.getTime(), category: c.category,
        admittedMs: v.admitted_at?.getTime() ?? null, startedMs: v.started_at?.getTime() ?? null,
        finishedMs: v.finished_at?.getTime() ?? null, statement: v.outcome === 'statement_accepted',
        phone: v.phone_surrendered, questioned: v.checkpoint_questioned,
      }, 1);
      lap('rollups');
      // A full batch ends where an office's day ends, so that the next batch of a file sorted by
      // time shares no day with it and can go straight in (BatchProbe); never later than twice full.
      const officeDay = `${v.office_code}\u001f${v.arrival_date}`;
      if (rows >= batching.rows && (officeDay !== lastOfficeDay || rows >= 2 * batching.rows)) {
        yield { text, rows, probe };
        text = buffers.take();
        probe = new BatchProbe();
        rows = 0;
        if (timings) clock = performance.now();
      }
      lastOfficeDay = officeDay;
      probe.add(v.office_code, v.arrival_date, v.visit_key);
      text.add(visitCopyLine(v, c, ctx.classifierVersion, fileId));
      rows++;
      lap('format');
    }
    if (rows > 0) yield { text, rows, probe };
  }

  try {
    const report = await ctx.handle.transaction(async (tx, copy) => {
      const fileId = await insertLoadingFile(tx, ctx.runId, ctx.file, read.format === 'inspection' ? 'csv' : read.format);
      let staging = false;
      let staged = 0;
      let loaded = 0;
      let batches = 0;
      // Batches overlap parsing with the database: batch n+1 is parsed while batch n is written.
      for await (const batch of prefetchOne(visitBatches(fileId))) {
        staged += batch.rows;
        const isNew = await timed(timings, 'probe', () => batch.probe.isNew(tx));
        const copied = isNew ? await timed(timings, 'copy', () => copyNewVisits(tx, copy, fromArray([batch.text.view()]))) : null;
        if (copied !== null) {
          loaded += copied;
          if (timings) timings.batches_copied++;
        } else {
          if (!staging) await createStagingTable(tx);
          staging = true;
          await timed(timings, 'copy', () => stageVisits(copy, fromArray([batch.text.view()])));
          await timed(timings, 'merge', async () => {
            const merged = await mergeStagedVisits(tx);
            loaded += merged;
            if (merged < batch.rows) for (const dup of await stagedDuplicateFacts(tx, fileId)) deltas.add(dup, -1);
            await clearStaging(tx);
          });
          if (timings) timings.batches_merged++;
        }
        buffers.give(batch.text);
        if (quarantined.length >= QUARANTINE_FLUSH) {
          quarantinedWritten += quarantined.length;
          await insertQuarantine(tx, fileId, quarantined.splice(0));
        }
        // Rows of the next batch may already be in the sums: harmless, every write adds.
        if (++batches % batching.rollupEvery === 0) {
          await timed(timings, 'rollups', () => writeRollupDeltas(tx, copy, deltas));
          deltas = createRollupDeltas();
        }
      }
      await timed(timings, 'rollups', () => writeRollupDeltas(tx, copy, deltas));
      if (hashTime && timings) {
        // Hashing happens inside validation; the stages are reported apart.
        timings.hash += hashTime.ms;
        timings.validate -= hashTime.ms;
      }
      ctx.progress(rowsRead);
      if (ctx.fileOffice === null && rowsRead > 0 && rowsNamingOffice === 0) {
        // Contract §2: neither an office column nor the file name names an office. Throwing here
        // rolls back what was staged: the file is rejected whole.
        throw new RejectedFileError('no_office', { file: path.basename(ctx.file.path) });
      }
      await assertOfficesKnown(tx, offices);
      await insertQuarantine(tx, fileId, quarantined);
      await coverage.write(tx, fileId);
      // The report's office: the file's one office, or null when its rows name several.
      const office = offices.size === 1 ? [...offices][0] ?? null : offices.size === 0 ? ctx.fileOffice : null;
      const counts = {
        rows_read: rowsRead, rows_loaded: loaded, rows_duplicate: staged - loaded, rows_quarantined: quarantinedWritten + quarantined.length,
      };
      const nuls = read.repairs.nulsRemoved;
      await finishLoadedFile(tx, fileId, office, counts, read.unknownColumns, nuls);
      return {
        path: ctx.file.path, status: 'loaded', format: read.format, office, ...counts,
        reason: null, reason_code: null, reason_params: null, nuls_removed: nuls,
      } satisfies FileReport;
    });
    for (const m of months) ctx.touchedMonths.add(m);
    return report;
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
