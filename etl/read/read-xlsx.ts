import ExcelJS from 'exceljs';
import { RejectedFileError, type InspectionField, type RawRecord, type RawValue, type ReadResult, type VisitField } from '../model.ts';
import { matchHeaders, noArrivalColumn, type HeaderMatch } from './match-headers.ts';
import { capRaw } from './raw-text.ts';
import { cellText, cellValue } from './xlsx-values.ts';

/** Title rows a journal may carry above its header ("Журнал учёта посетителей", the office, the month). */
const HEADER_SEARCH_ROWS = 15;

interface SheetPlan {
  sheet: ExcelJS.Worksheet;
  headerRow: number;
  match: HeaderMatch;
}

function rowTexts(row: ExcelJS.Row): string[] {
  const texts: string[] = [];
  row.eachCell({ includeEmpty: true }, (cell, col) => {
    texts[col - 1] = cellText(cell.value);
  });
  return Array.from(texts, (t) => t ?? '');
}

/**
 * A header typed over two rows, "Время" above "прихода | приёма" (the upper cell merged across): each
 * column's two texts joined. exceljs gives every cell of a merged range the range's value.
 */
function joinHeaderRows(upper: readonly string[], lower: readonly string[]): string[] {
  return Array.from({ length: Math.max(upper.length, lower.length) }, (_, col) => {
    const top = (upper[col] ?? '').trim();
    const bottom = (lower[col] ?? '').trim();
    return top === bottom ? top : `${top} ${bottom}`.trim();
  });
}

/** The first row among the top ones that names an arrival time (or inspected_at); null when none does. */
function planSheet(sheet: ExcelJS.Worksheet, seen: string[][]): SheetPlan | null {
  const last = Math.min(sheet.rowCount, HEADER_SEARCH_ROWS);
  let previous: string[] | null = null;
  for (let r = 1; r <= last; r++) {
    const texts = rowTexts(sheet.getRow(r));
    if (texts.every((t) => t.trim() === '')) continue;
    seen.push(texts);
    const match = matchHeaders(texts) ?? (previous ? matchHeaders(joinHeaderRows(previous, texts)) : null);
    if (match) return { sheet, headerRow: r, match };
    previous = texts;
  }
  return null;
}

async function* records<F extends string>(plans: SheetPlan[]): AsyncGenerator<RawRecord<F>> {
  for (const { sheet, headerRow, match } of plans) {
    const columns = match.columns as readonly (F | null)[];
    for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const cells: RawValue[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        cells[col - 1] = cellValue(cell.value);
      });
      const all = Array.from(cells, (v) => v ?? null);
      if (all.every((v) => v === null || (typeof v === 'string' && v.trim() === ''))) continue;
      const values: Partial<Record<F, RawValue>> = {};
      columns.forEach((field, col) => {
        if (field) values[field] = all[col] ?? null;
      });
      yield { line: r, sheet: sheet.name, raw: capRaw(all.map((v) => (v === null ? '' : String(v))).join(';')), values };
    }
  }
}

/**
 * Reads a journal workbook (format B): every sheet whose header is found is read, in order; a sheet without
 * one is skipped, a workbook where no sheet has one is rejected. Journals are typed by hand and small, so
 * the workbook is read whole: simpler than exceljs' streaming reader, and the header search looks back
 * over the top rows of each sheet.
 */
export async function readXlsx(path: string): Promise<ReadResult<VisitField> | ReadResult<InspectionField>> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch (error) {
    throw new RejectedFileError(`not a readable .xlsx workbook: ${(error as Error).message}`);
  }
  const seen: string[][] = [];
  const plans = workbook.worksheets.flatMap((sheet) => planSheet(sheet, seen) ?? []);
  const first = plans[0];
  if (!first) {
    if (workbook.worksheets.length === 0) throw new RejectedFileError('the workbook has no sheets');
    throw noArrivalColumn(seen[0] ?? [], `any of the sheets (searched the top ${HEADER_SEARCH_ROWS} rows)`);
  }
  // A workbook is one kind of log; a sheet of the other kind (a summary, a checklist) is left out.
  const same = plans.filter((p) => p.match.kind === first.match.kind);
  const unknownColumns = [...new Set(same.flatMap((p) => p.match.unknownColumns))];
  if (first.match.kind === 'visit') {
    return { format: 'xlsx', unknownColumns, records: { [Symbol.asyncIterator]: () => records<VisitField>(same) } };
  }
  return { format: 'inspection', unknownColumns, records: { [Symbol.asyncIterator]: () => records<InspectionField>(same) } };
}
