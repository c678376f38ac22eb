import path from 'node:path';
import { almatyToday } from '../domain/calendar.ts';
import type { DatabaseHandle } from '../sql/db.ts';
import { refreshFlagsForMonths } from '../sql/compliance/index.ts';
import type { KnownExamples } from '../sql/compliance/examples.ts';
import { readRegistry, registryOffices } from '../sql/registry.ts';
import { createCachedClassifier, CLASSIFIER_VERSION } from './classify/classify-topic.ts';
import { expandPaths, identifyFile } from './file-source.ts';
import { ingestInspections } from './load/ingest-inspections.ts';
import { ingestVisits } from './load/ingest-visits.ts';
import { timed } from './load/ingest-timings.ts';
import { findLoadedFile, finishRun, recordUnloadedFile, startRun, ZERO_COUNTS } from './load/file-records.ts';
import type { FileReport, IngestReport, InspectionField, ReadResult, VisitField } from './model.ts';
import { RejectedFileError } from './model.ts';
import { readFile } from './read/read-file.ts';
import { createOfficeResolver } from './transform/resolve-office.ts';

import type { FileContext, IngestOptions } from './file-context.ts';

export type { FileContext, IngestOptions, ProgressEvent } from './file-context.ts';

/**
 * The ETL, top to bottom, for each file:
 *   identify (sha-256) → skip if these bytes were loaded → read (format picked by content)
 *   → normalize + validate + classify each row → one transaction: stage (COPY) → merge → quarantine
 *   → rollups → file record. A file loads whole or not at all.
 */
export async function ingestPaths(handle: DatabaseHandle, paths: readonly string[], options: IngestOptions): Promise<IngestReport> {
  const files = expandPaths(paths);
  const resolver = createOfficeResolver(registryOffices(readRegistry(options.regions ?? ['almaty-oblast'])));
  const classify = createCachedClassifier();
  const runId = await startRun(handle.db, 'ingest', options.actor ?? 'cli');
  const reports: FileReport[] = [];
  const touchedMonths = new Set<string>();
  const knownExamples: KnownExamples = new Map();
  for (const [index, filePath] of files.entries()) {
    const file = await identifyFile(filePath).catch((err: unknown) => err as Error);
    if (file instanceof Error) {
      // Gone or unreadable since the folder was listed: reported, though without its bytes no record is kept.
      const rejected = unexpected(file, filePath, options.onUnexpected);
      reports.push({
        path: filePath, status: 'rejected', format: null, office: null, ...ZERO_COUNTS,
        reason: rejected.message, reason_code: rejected.code, reason_params: rejected.params, nuls_removed: 0,
      });
      continue;
    }
    const ctx: FileContext = {
      handle, runId, file, resolver, options, classify, classifierVersion: CLASSIFIER_VERSION, touchedMonths, knownExamples,
      fileOffice: resolver.fromFileName(path.basename(filePath)),
      progress: (rows) => options.onProgress?.({ path: filePath, fileIndex: index, fileCount: files.length, rows }),
    };
    reports.push(await ingestFile(ctx));
  }
  const report: IngestReport = { files: reports, totals: sumCounts(reports) };
  // Flags are kept per office, rule and month: evaluating the months this run touched opens, keeps
  // or reopens them (contract §4). Loaded files stay loaded even if this step fails. Judged as of
  // the run's "now", the same day the out_of_range rule counted from.
  await timed(options.timings, 'flags',
    () => refreshFlagsForMonths(handle.db, [...touchedMonths], options.actor ?? 'cli', { today: almatyToday(options.now), knownExamples }));
  await finishRun(handle.db, runId, report.totals);
  return report;
}

async function ingestFile(ctx: FileContext): Promise<FileReport> {
  const { file, handle, runId } = ctx;
  const base = { path: file.path, office: ctx.fileOffice, ...ZERO_COUNTS, reason_code: null, reason_params: null, nuls_removed: 0 };
  if (await findLoadedFile(handle.db, file.sha256)) {
    await recordUnloadedFile(handle.db, runId, file, { status: 'skipped_duplicate', format: null, office: ctx.fileOffice, reason: null });
    return { ...base, status: 'skipped_duplicate', format: null, reason: 'the same bytes were loaded before' };
  }
  let format: FileReport['format'] = null;
  try {
    const refused = ctx.options.refused?.get(file.path);
    if (refused) throw refused;
    const read = await readFile(file.path);
    format = read.format;
    return isInspectionRead(read) ? await ingestInspections(ctx, read) : await ingestVisits(ctx, read);
  } catch (err) {
    if (isUniqueViolation(err)) {
      // Another process loaded the same bytes while we were reading them.
      await recordUnloadedFile(handle.db, runId, file, { status: 'skipped_duplicate', format, office: ctx.fileOffice, reason: null });
      return { ...base, status: 'skipped_duplicate', format, reason: 'the same bytes were loaded by another run' };
    }
    // Whatever went wrong, the file's transaction rolled back: it is rejected, with its report, and the
    // run goes on with the next file. A fault that is not the file's own is logged, not shown as its reason.
    const rejected = err instanceof RejectedFileError ? err : unexpected(err, file.path, ctx.options.onUnexpected);
    const reason = { code: rejected.code, params: rejected.params };
    await recordUnloadedFile(handle.db, runId, file, { status: 'rejected', format, office: ctx.fileOffice, reason: rejected.message, rejected: reason });
    return { ...base, status: 'rejected', format, reason: rejected.message, reason_code: reason.code, reason_params: reason.params };
  }
}

function unexpected(err: unknown, filePath: string, log: IngestOptions['onUnexpected']): RejectedFileError {
  log?.(err, filePath);
  const code = (err as { code?: unknown } | null)?.code;
  return new RejectedFileError(code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' ? 'unreadable_file' : 'internal_error');
}

/** Readers mark inspection files by their format; the record fields follow from it. */
function isInspectionRead(read: ReadResult<VisitField> | ReadResult<InspectionField>): read is ReadResult<InspectionField> {
  return read.format === 'inspection';
}

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === '23505'
    && String((err as { constraint?: string }).constraint ?? (err as Error).message).includes('ingested_files_one_load');
}

function sumCounts(files: readonly FileReport[]): IngestReport['totals'] {
  const totals = { ...ZERO_COUNTS };
  for (const f of files) {
    totals.rows_read += f.rows_read;
    totals.rows_loaded += f.rows_loaded;
    totals.rows_duplicate += f.rows_duplicate;
    totals.rows_quarantined += f.rows_quarantined;
  }
  return totals;
}
