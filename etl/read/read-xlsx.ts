import type { InspectionField, RawRecord, RawValue, ReadRepairs, ReadResult, VisitField } from '../model.ts';
import { matchHeaders, noArrivalColumn, type HeaderKind, type HeaderMatch } from './match-headers.ts';
import { capRaw } from './raw-text.ts';
import { openSheets, type Sheet, type SheetRow } from './xlsx-sheets.ts';

/** Title rows a journal may carry above its header ("Журнал учёта посетителей", the office, the month). */
const HEADER_SEARCH_ROWS = 15;

const textOf = (v: RawValue | undefined) => (v === null || v === undefined ? '' : String(v).trim());

/**
 * A header typed over two rows, "Время" above "прихода | приёма" (the upper cell merged across): each
 * column's two texts joined, an empty upper cell taking the text on its left as a merged range would.
 */
function joinHeaderRows(upper: readonly string[], lower: readonly string[]): string[] {
  let carried = '';
  return Array.from({ length: Math.max(upper.length, lower.length) }, (_, col) => {
    const bottom = lower[col] ?? '';
    const top = upper[col] || (bottom ? carried : '');
    if (upper[col]) carried = upper[col] ?? '';
    return top === bottom ? top : `${top} ${bottom}`.trim();
  });
}

interface SheetHeader { match: HeaderMatch; seen: string[] }

/** Reads a sheet's top rows up to its header: the first row (alone or under the row above) that names an arrival time. */
async function findHeader(rows: AsyncIterator<SheetRow>): Promise<SheetHeader | { match: null; seen: string[] }> {
  let previous: string[] | null = null;
  let seen: string[] = [];
  for (let next = await rows.next(); !next.done && next.value.number <= HEADER_SEARCH_ROWS; next = await rows.next()) {
    const texts = next.value.cells.map(textOf);
    if (texts.every((t) => t === '')) continue;
    if (!seen.length) seen = texts;
    const match = matchHeaders(texts) ?? (previous ? matchHeaders(joinHeaderRows(previous, texts)) : null);
    if (match) return { match, seen };
    previous = texts;
  }
  return { match: null, seen };
}

async function* sheetRecords<F extends string>(sheet: Sheet, kind: HeaderKind, unknown: string[]): AsyncGenerator<RawRecord<F>> {
  const rows = sheet.rows[Symbol.asyncIterator]();
  const { match } = await findHeader(rows);
  // A workbook is one kind of log; a sheet without a header or of the other kind (a summary) is left out.
  if (!match || match.kind !== kind) return;
  for (const column of match.unknownColumns) if (!unknown.includes(column)) unknown.push(column);
  const columns = match.columns as readonly (F | null)[];
  for (let next = await rows.next(); !next.done; next = await rows.next()) {
    const { number, cells } = next.value;
    if (cells.every((v) => v === null || (typeof v === 'string' && v.trim() === ''))) continue;
    const values: Partial<Record<F, RawValue>> = {};
    columns.forEach((field, col) => {
      if (field) values[field] = cells[col] ?? null;
    });
    yield { line: number, sheet: sheet.name, raw: capRaw(cells.map(textOf).join(';')), values };
  }
}

async function* records<F extends string>(
  sheets: () => AsyncGenerator<Sheet>, kind: HeaderKind, unknown: string[], repairs: ReadRepairs,
): AsyncGenerator<RawRecord<F>> {
  repairs.nulsRemoved = 0;
  for await (const sheet of sheets()) yield* sheetRecords<F>(sheet, kind, unknown);
}

/**
 * Reads a journal workbook (format B): every sheet whose header is found is read, in order, `line` being
 * the row number; a sheet without one is skipped, a workbook where no sheet has one is rejected.
 * unknownColumns holds the first such sheet's; later sheets add theirs as the records are read.
 */
export async function readXlsx(path: string): Promise<ReadResult<VisitField> | ReadResult<InspectionField>> {
  const repairs: ReadRepairs = { nulsRemoved: 0 };
  const sheets = await openSheets(path, repairs);
  let first: SheetHeader | null = null;
  let seen: string[] | null = null;
  for await (const sheet of sheets()) {
    const found = await findHeader(sheet.rows[Symbol.asyncIterator]());
    seen ??= found.seen.length ? found.seen : null;
    if (found.match) {
      first = { match: found.match, seen: found.seen };
      break;
    }
  }
  if (!first) throw noArrivalColumn(seen ?? [], 'sheets');
  const kind = first.match.kind;
  const unknown = [...first.match.unknownColumns];
  if (kind === 'visit') {
    return { format: 'xlsx', unknownColumns: unknown, repairs, records: { [Symbol.asyncIterator]: () => records<VisitField>(sheets, kind, unknown, repairs) } };
  }
  return { format: 'inspection', unknownColumns: unknown, repairs, records: { [Symbol.asyncIterator]: () => records<InspectionField>(sheets, kind, unknown, repairs) } };
}
