import ExcelJS from 'exceljs';
import { RejectedFileError, type RawValue, type ReadRepairs } from '../model.ts';
import { READ_LIMITS } from './read-limits.ts';
import { stripNuls } from './strip-nul.ts';
import { cellValue } from './xlsx-values.ts';
import { checkZipBounds, partStream, type ZipPart } from './zip-bounds.ts';

export interface SheetRow {
  /** 1-based row number in the sheet. */
  number: number;
  /** Cell values by 0-based column. */
  cells: RawValue[];
}

export interface Sheet {
  name: string;
  rows: AsyncIterable<SheetRow>;
}

/** Excel's own limit on a cell's text. */
const CELL_CHARS = 32_767;

/**
 * XML cannot hold a NUL, so Excel writes one as the escape _x0000_, which exceljs passes on as written:
 * turned back into the NUL it stands for, it is taken out and counted like a NUL in a text file.
 */
function excelEscapedNuls(text: string): string {
  return text.includes('_x') ? text.replace(/_x0000_/gi, '\0') : text;
}

function rowCells(row: ExcelJS.Row, sheet: string, repairs: ReadRepairs): RawValue[] {
  const cells: RawValue[] = [];
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    if (col > READ_LIMITS.xlsxColumns) {
      throw new RejectedFileError('xlsx_too_many_columns', { sheet, row: row.number, column: col, limit: READ_LIMITS.xlsxColumns });
    }
    const value = cellValue(cell.value);
    if (typeof value === 'string' && value.length > CELL_CHARS) throw new RejectedFileError('xlsx_cell_too_long', { part: sheet, limit: CELL_CHARS });
    cells[col - 1] = typeof value === 'string' ? stripNuls(excelEscapedNuls(value), repairs) : value;
  });
  return Array.from(cells, (v) => v ?? null);
}

/** exceljs's own words ("1:598: disallowed character", "Cannot read properties of undefined …") help nobody who sent the file. */
function unreadable(error: unknown, part: string): RejectedFileError {
  return error instanceof RejectedFileError ? error : new RejectedFileError('xlsx_unreadable', { part });
}

async function* streamedRows(sheet: AsyncIterable<ExcelJS.Row>, name: string, repairs: ReadRepairs): AsyncGenerator<SheetRow> {
  const rows = sheet[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<ExcelJS.Row>;
    try {
      next = await rows.next();
    } catch (error) {
      throw unreadable(error, `sheet "${name}"`);
    }
    if (next.done) return;
    const row = next.value;
    if (row.number > READ_LIMITS.xlsxRows) throw new RejectedFileError('xlsx_too_many_rows', { sheet: name, limit: READ_LIMITS.xlsxRows });
    yield { number: row.number, cells: rowCells(row, name, repairs) };
  }
}

/** The parts of exceljs's streaming WorkbookReader this reader drives itself (exceljs 4.4.0, pinned). */
interface WorkbookReaderParts {
  _parseRels(entry: NodeJS.ReadableStream): Promise<void>;
  _parseWorkbook(entry: NodeJS.ReadableStream): Promise<void>;
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  _parseStyles(entry: NodeJS.ReadableStream): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<Buffer>, sheetNo: string): Generator<{ eventType: string; value: AsyncIterable<ExcelJS.Row> & { name?: string } }>;
}

const SHEET_PART = /^xl\/worksheets\/sheet(\d+)\.xml$/;

/**
 * exceljs's WorkbookReader unzips with unzipper's Parse stream, which signals its end when the input is
 * read rather than when its last part was handed on: with a consumer slower than the file (sheets written
 * to temporary files while shared strings come later, or rows going to the database) it drops the parts
 * still queued, at random: a workbook "damaged" one time in ten, or worse, a sheet silently missing.
 * So the parts come from the zip's central directory instead (the ones checkZipBounds checked), in the
 * order the parser needs them: relations, workbook, shared strings, styles, then the sheets by number.
 */
async function* streamedWorkbook(path: string, parts: ZipPart[], repairs: ReadRepairs): AsyncGenerator<Sheet> {
  const options = { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' } as const;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, options) as unknown as WorkbookReaderParts;
  const byName = new Map(parts.map((p) => [p.name, p]));
  const open = (name: string) => {
    const part = byName.get(name);
    return part ? partStream(path, part) : null;
  };
  let sheets: { no: string; part: ZipPart }[];
  try {
    const workbook = open('xl/workbook.xml');
    if (!workbook) throw new RejectedFileError('xlsx_unreadable', { part: 'xl/workbook.xml' });
    const rels = open('xl/_rels/workbook.xml.rels');
    if (rels) await reader._parseRels(rels);
    await reader._parseWorkbook(workbook);
    const sharedStrings = open('xl/sharedStrings.xml');
    if (sharedStrings) for await (const _ of reader._parseSharedStrings(sharedStrings));
    const styles = open('xl/styles.xml');
    if (styles) await reader._parseStyles(styles);
    sheets = parts.flatMap((part) => {
      const no = SHEET_PART.exec(part.name)?.[1];
      return no === undefined ? [] : [{ no, part }];
    }).sort((a, b) => Number(a.no) - Number(b.no));
  } catch (error) {
    throw unreadable(error, 'the workbook');
  }
  for (const { no, part } of sheets) {
    for (const { eventType, value: sheet } of reader._parseWorksheet(partStream(path, part), no)) {
      if (eventType !== 'worksheet') continue;
      const name = stripNuls(sheet.name ?? '', repairs).slice(0, 100);
      yield { name, rows: streamedRows(sheet, name, repairs) };
    }
  }
}

/**
 * The sheets of a workbook in order, each a stream of rows. Always streamed (a workbook read whole costs
 * about 150 bytes of memory per byte of file); the bounds are checked on the packed file first. The
 * streamed reader does not spread a merged cell's value over the range; the header search copes.
 */
export async function openSheets(path: string, repairs: ReadRepairs): Promise<() => AsyncGenerator<Sheet>> {
  const parts = await checkZipBounds(path);
  return () => streamedWorkbook(path, parts, repairs);
}
