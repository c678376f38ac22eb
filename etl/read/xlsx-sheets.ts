import { createReadStream } from 'node:fs';
import ExcelJS from 'exceljs';
import { RejectedFileError, type RawValue, type ReadRepairs } from '../model.ts';
import { READ_LIMITS } from './read-limits.ts';
import { stripNuls } from './strip-nul.ts';
import { cellValue } from './xlsx-values.ts';
import { checkZipBounds } from './zip-bounds.ts';

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

async function* streamedWorkbook(path: string, repairs: ReadRepairs): AsyncGenerator<Sheet> {
  const input = createReadStream(path);
  const options = { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' } as const;
  try {
    for await (const sheet of new ExcelJS.stream.xlsx.WorkbookReader(input, options)) {
      // The typings omit the sheet name the reader sets from workbook.xml.
      const name = stripNuls((sheet as unknown as { name?: string }).name ?? '', repairs).slice(0, 100);
      yield { name, rows: streamedRows(sheet, name, repairs) };
    }
  } catch (error) {
    throw unreadable(error, 'the workbook');
  } finally {
    input.destroy();
  }
}

/**
 * The sheets of a workbook in order, each a stream of rows. Always streamed (a workbook read whole costs
 * about 150 bytes of memory per byte of file); the bounds are checked on the packed file first. The
 * streamed reader does not spread a merged cell's value over the range; the header search copes.
 */
export async function openSheets(path: string, repairs: ReadRepairs): Promise<() => AsyncGenerator<Sheet>> {
  await checkZipBounds(path);
  return () => streamedWorkbook(path, repairs);
}
