import path from 'node:path';
import { batchLines, fromArray, prefetchOne } from './batches.ts';
import type { FileReport, ReadResult, VisitField } from '../model.ts';
import { RejectedFileError } from '../model.ts';
import type { FileContext } from '../pipeline.ts';
import { MissingIinKeyError, createVisitNormalizer } from '../transform/normalize-visit.ts';
import { scrubIin } from '../transform/scrub-iin.ts';
import { finishLoadedFile, insertLoadingFile } from './file-records.ts';
import { insertQuarantine, type QuarantineEntry } from './quarantine.ts';
import { createRollupDeltas } from './rollup-deltas.ts';
import { clearStaging, createStagingTable, mergeStagedVisits, stageVisits, visitCopyLine } from './stage-visits.ts';
import { stagedDuplicateFacts, writeRollupDeltas } from './write-rollup-deltas.ts';

const PROGRESS_EVERY = 50_000;
/** Quarantined rows kept in memory before they are written (a file of junk lines is all quarantine). */
const QUARANTINE_FLUSH = 10_000;
/** 15k rows a batch: larger batches ran a little faster but pushed a million-row load past 500 MB. */
const BATCHING = { rows: 15_000, rollupEvery: 10 };

/** Loads one visit file in one transaction; a failure anywhere leaves nothing of it behind. */
export async function ingestVisits(ctx: FileContext, read: ReadResult<VisitField>): Promise<FileReport> {
  const normalize = createVisitNormalizer({
    resolver: ctx.resolver, fileOffice: ctx.fileOffice, now: ctx.options.now ?? new Date(), iinKey: ctx.options.iinKey,
  });
  const quarantined: QuarantineEntry[] = [];
  let quarantinedWritten = 0;
  const offices = new Set<string>();
  let rowsRead = 0;
  let rowsNamingOffice = 0;
  const months = new Set<string>();
  // Rollups are summed here as rows are parsed; duplicates the merge turns away are taken back out.
  // Written every `rollupEvery` batches, so the sums of a huge file never all sit in memory.
  let deltas = createRollupDeltas();
  const batching = ctx.options.batching ?? BATCHING;

  async function* copyLines(): AsyncGenerator<string> {
    for await (const rec of read.records) {
      rowsRead++;
      if (rowsRead % PROGRESS_EVERY === 0) ctx.progress(rowsRead);
      const office = rec.values?.office;
      if (office !== undefined && office !== null && office !== '') rowsNamingOffice++;
      const result = normalize(rec);
      if (!result.ok) {
        quarantined.push({ line: rec.line, sheet: rec.sheet, reason: result.reason, detail: result.detail, raw: scrubIin(rec.raw) });
        continue;
      }
      const v = result.visit;
      offices.add(v.office_code);
      months.add(v.arrival_date.slice(0, 7));
      const c = ctx.classify(v.topic_text, v.service);
      deltas.add({
        office: v.office_code, day: v.arrival_date, arrivedMs: v.arrived_at.getTime(), category: c.category,
        admittedMs: v.admitted_at?.getTime() ?? null, startedMs: v.started_at?.getTime() ?? null,
        finishedMs: v.finished_at?.getTime() ?? null, statement: v.outcome === 'statement_accepted',
        phone: v.phone_surrendered, questioned: v.checkpoint_questioned,
      }, 1);
      yield visitCopyLine(v, c, ctx.classifierVersion);
    }
  }

  try {
    const report = await ctx.handle.transaction(async (tx, copy) => {
      const fileId = await insertLoadingFile(tx, ctx.runId, ctx.file, read.format === 'inspection' ? 'csv' : read.format);
      await createStagingTable(tx);
      let staged = 0;
      let loaded = 0;
      let batches = 0;
      // Batches overlap parsing with the database: batch n+1 is parsed while batch n is merged.
      for await (const batch of prefetchOne(batchLines(copyLines(), batching.rows))) {
        const inBatch = await stageVisits(copy, fromArray(batch));
        const merged = await mergeStagedVisits(tx, fileId);
        staged += inBatch;
        loaded += merged;
        if (merged < inBatch) for (const dup of await stagedDuplicateFacts(tx, fileId)) deltas.add(dup, -1);
        await clearStaging(tx);
        if (quarantined.length >= QUARANTINE_FLUSH) {
          quarantinedWritten += quarantined.length;
          await insertQuarantine(tx, fileId, quarantined.splice(0));
        }
        // Rows of the next batch may already be in the sums: harmless, every write adds.
        if (++batches % batching.rollupEvery === 0) {
          await writeRollupDeltas(tx, copy, deltas);
          deltas = createRollupDeltas();
        }
      }
      await writeRollupDeltas(tx, copy, deltas);
      ctx.progress(rowsRead);
      if (ctx.fileOffice === null && rowsRead > 0 && rowsNamingOffice === 0) {
        // Contract §2: neither an office column nor the file name names an office. Throwing here
        // rolls back what was staged: the file is rejected whole.
        throw new RejectedFileError('no_office', { file: path.basename(ctx.file.path) });
      }
      await insertQuarantine(tx, fileId, quarantined);
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
