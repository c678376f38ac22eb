import type { InspectionField, RawRecord, RawValue, ReadRepairs, ReadResult, VisitField } from '../model.ts';
import { readTextChunks } from './decode-text.ts';
import { findCsvHeader, headIsEnough, type CsvHeader } from './find-csv-header.ts';
import { CsvSplitter, type SplitRow } from './split-csv.ts';
import { capRaw } from './raw-text.ts';
import { eachRecord } from './record-groups.ts';

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

/** Old Excel for Mac ends lines with CR alone; such a file reads as one line unless CR becomes LF. */
async function* textChunks(path: string, crOnly: boolean, repairs: ReadRepairs): AsyncGenerator<string> {
  for await (const chunk of readTextChunks(path, repairs)) yield crOnly ? chunk.replace(/\r/g, '\n') : chunk;
}

/** The records of each decoded chunk together (see ReadResult.groups). */
async function* streamGroups<F extends string>(
  path: string, crOnly: boolean, header: CsvHeader, columns: Columns<F>, repairs: ReadRepairs,
): AsyncGenerator<RawRecord<F>[]> {
  repairs.nulsRemoved = 0;
  const { delimiter, bodyLine, fieldCount } = header;
  const splitter = new CsvSplitter(delimiter, bodyLine);
  const rows: SplitRow[] = [];
  const recordsOf = (): RawRecord<F>[] => {
    const group: RawRecord<F>[] = [];
    for (const row of rows) {
      const record = toRecord(row, columns, fieldCount);
      if (record) group.push(record);
    }
    rows.length = 0;
    return group;
  };
  for await (const chunk of textChunks(path, crOnly, repairs)) {
    splitter.push(chunk, rows);
    const group = recordsOf();
    if (group.length > 0) yield group;
  }
  splitter.end(rows);
  const group = recordsOf();
  if (group.length > 0) yield group;
}

function pairs<F extends string>(columns: readonly (F | null)[]): Columns<F> {
  return columns.flatMap((field, col) => (field ? [[col, field] as const] : []));
}

/** The first lines of the file, enough to find the header in; the stream is closed after. */
async function readHead(path: string): Promise<{ head: string; complete: boolean; crOnly: boolean }> {
  let head = '';
  let complete = true;
  for await (const chunk of readTextChunks(path)) {
    head += chunk;
    if (headIsEnough(head.replace(/\r/g, '\n'))) {
      complete = false;
      break;
    }
  }
  const crOnly = !head.includes('\n') && head.includes('\r');
  return { head: crOnly ? head.replace(/\r/g, '\n') : head, complete, crOnly };
}

/**
 * Reads a delimited text file (format A, or an inspection log): finds the header, then streams records.
 * Values are the strings as written; the transform stage interprets them. No file is held open between
 * readCsv and the iteration: each iteration of `records` reads the file afresh.
 */
export async function readCsv(path: string): Promise<ReadResult<VisitField> | ReadResult<InspectionField>> {
  const { head, complete, crOnly } = await readHead(path);
  const header = findCsvHeader(head, complete);
  const { match } = header;
  const repairs: ReadRepairs = { nulsRemoved: 0 };
  if (match.kind === 'visit') {
    const columns = pairs(match.columns);
    const groups = { [Symbol.asyncIterator]: () => streamGroups(path, crOnly, header, columns, repairs) };
    const records = { [Symbol.asyncIterator]: () => eachRecord(groups) };
    return { format: 'csv', unknownColumns: match.unknownColumns, records, groups, repairs };
  }
  const columns = pairs(match.columns);
  const groups = { [Symbol.asyncIterator]: () => streamGroups(path, crOnly, header, columns, repairs) };
  const records = { [Symbol.asyncIterator]: () => eachRecord(groups) };
  return { format: 'inspection', unknownColumns: match.unknownColumns, records, groups, repairs };
}
