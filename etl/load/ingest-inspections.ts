import type { FileReport, InspectionField, ReadResult } from '../model.ts';
import type { FileContext } from '../file-context.ts';
import { createInspectionNormalizer } from '../transform/normalize-inspection.ts';
import { scrubIin } from '../transform/scrub-iin.ts';
import { almatyMinute } from '../../domain/calendar.ts';
import { finishLoadedFile, insertLoadingFile } from './file-records.ts';
import { insertQuarantine, type QuarantineEntry } from './quarantine.ts';

/**
 * Loads an inspection report (contract §3). History is kept: every inspection is a row; the same
 * office, time and inspector again is a duplicate.
 */
export async function ingestInspections(ctx: FileContext, read: ReadResult<InspectionField>): Promise<FileReport> {
  const normalize = createInspectionNormalizer({ resolver: ctx.resolver, fileOffice: ctx.fileOffice, now: ctx.options.now ?? new Date() });
  return ctx.handle.transaction(async (tx) => {
    const fileId = await insertLoadingFile(tx, ctx.runId, ctx.file, 'inspection');
    const quarantined: QuarantineEntry[] = [];
    const offices = new Set<string>();
    let rowsRead = 0;
    let loaded = 0;
    const months = new Set<string>();
    for await (const rec of read.records) {
      rowsRead++;
      const result = normalize(rec);
      if (!result.ok) {
        quarantined.push({ line: rec.line, sheet: rec.sheet, reason: result.reason, detail: result.detail, raw: scrubIin(rec.raw) });
        continue;
      }
      const { source_line, ...inspection } = result.inspection;
      offices.add(inspection.office_code);
      months.add(almatyMonth(inspection.inspected_at));
      const inserted = await tx.insertInto('inspections')
        .values({ ...inspection, file_id: fileId, source_line })
        .onConflict((oc) => oc.columns(['office_code', 'inspected_at', 'inspector']).doNothing())
        .executeTakeFirst();
      loaded += Number(inserted.numInsertedOrUpdatedRows ?? 0n);
    }
    await insertQuarantine(tx, fileId, quarantined);
    const office = offices.size === 1 ? [...offices][0] ?? null : offices.size === 0 ? ctx.fileOffice : null;
    const counts = { rows_read: rowsRead, rows_loaded: loaded, rows_duplicate: rowsRead - loaded - quarantined.length, rows_quarantined: quarantined.length };
    const nuls = read.repairs.nulsRemoved;
    await finishLoadedFile(tx, fileId, office, counts, read.unknownColumns, nuls);
    for (const m of months) ctx.touchedMonths.add(m);
    return {
      path: ctx.file.path, status: 'loaded', format: 'inspection', office, ...counts,
      reason: null, reason_code: null, reason_params: null, nuls_removed: nuls,
    } satisfies FileReport;
  });
}

function almatyMonth(instant: Date): string {
  return almatyMinute(instant.getTime()).slice(0, 7);
}
