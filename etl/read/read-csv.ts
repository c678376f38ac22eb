import type { InspectionField, RawRecord, RawValue, ReadResult, VisitField } from '../model.ts';
import { readTextChunks } from './decode-text.ts';
import { findCsvHeader, headIsEnough } from './find-csv-header.ts';
import { CsvSplitter, type SplitRow } from './split-csv.ts';
import { capRaw } from './raw-text.ts';

type Columns<F> = ReadonlyArray<readonly [number, F]>;

function toRecord<F extends string>(row: SplitRow, columns: Columns<F>, fieldCount: number): RawRecord<F> | null {
  const raw = capRaw(row.text);
  const { fields } = row;
  if (!fields) return { line: row.line, sheet: null, raw, values: null, malformed: 'a quoted field is never closed' };
  let blank = true;
  for (const f of fields) if (f.trim() !== '') { blank = false; break; }
  // A row of bare delimiters is what a spreadsheet leaves below its data: as blank as a blank line.
  if (blank) return null;
  let found = fields.length;
  for (let k = fields.length - 1; k >= fieldCount && (fields[k] ?? '').trim() === ''; k--) found = k;
  if (fields.length < fieldCount || found > fieldCount) {
    const malformed = `expected ${fieldCount} fields, found ${fields.length < fieldCount ? fields.length : found}`;
    return { line: row.line, sheet: null, raw, values: null, malformed };
  }
  const values: Partial<Record<F, RawValue>> = {};
  for (const [col, field] of columns) values[field] = fields[col] ?? '';
  return { line: row.line, sheet: null, raw, values };
}

async function* records<F extends string>(
  chunks: AsyncIterator<string>, body: string, splitter: CsvSplitter, columns: Columns<F>, fieldCount: number,
): AsyncGenerator<RawRecord<F>> {
  const rows: SplitRow[] = [];
  splitter.push(body, rows);
  for (;;) {
    for (const row of rows) {
      const record = toRecord(row, columns, fieldCount);
      if (record) yield record;
    }
    rows.length = 0;
    const next = await chunks.next();
    if (next.done) break;
    splitter.push(next.value, rows);
  }
  splitter.end(rows);
  for (const row of rows) {
    const record = toRecord(row, columns, fieldCount);
    if (record) yield record;
  }
}

function pairs<F extends string>(columns: readonly (F | null)[]): Columns<F> {
  return columns.flatMap((field, col) => (field ? [[col, field] as const] : []));
}

/**
 * Reads a delimited text file (format A, or an inspection log): finds the header, then streams records.
 * Values are the strings as written; the transform stage interprets them.
 */
export async function readCsv(path: string): Promise<ReadResult<VisitField> | ReadResult<InspectionField>> {
  const chunks = readTextChunks(path)[Symbol.asyncIterator]();
  let head = '';
  let complete = false;
  while (!headIsEnough(head)) {
    const next = await chunks.next();
    if (next.done) {
      complete = true;
      break;
    }
    head += next.value;
  }
  const header = findCsvHeader(head, complete);
  const { match, fieldCount } = header;
  const splitter = new CsvSplitter(header.delimiter, header.bodyLine);
  const body = head.slice(header.bodyOffset);
  if (match.kind === 'visit') {
    const recs = records(chunks, body, splitter, pairs(match.columns), fieldCount);
    return { format: 'csv', unknownColumns: match.unknownColumns, records: recs };
  }
  const recs = records(chunks, body, splitter, pairs(match.columns), fieldCount);
  return { format: 'inspection', unknownColumns: match.unknownColumns, records: recs };
}
