import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type ExcelJS from 'exceljs';
import { RejectedFileError, type RawValue } from '../model.ts';
import { cellValue } from './xlsx-values.ts';

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

/**
 * Above this size a workbook is streamed: exceljs holds a whole workbook at about 150 bytes of memory per
 * byte of file (100,000 rows, 5.7 MB → 900 MB), which a hand-typed journal never reaches but an export may.
 * The streamed path does not spread a merged cell's value over the range; the header search copes.
 */
export const STREAM_ABOVE_BYTES = 2 << 20;

function rowCells(row: ExcelJS.Row): RawValue[] {
  const cells: RawValue[] = [];
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    cells[col - 1] = cellValue(cell.value);
  });
  return Array.from(cells, (v) => v ?? null);
}

async function* sheetRows(sheet: ExcelJS.Worksheet): AsyncGenerator<SheetRow> {
  for (let r = 1; r <= sheet.rowCount; r++) yield { number: r, cells: rowCells(sheet.getRow(r)) };
}

/** exceljs takes over a second to load: an ingest of CSV files (and the CLI's start) should not pay for it. */
async function loadExcelJs(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

async function* wholeWorkbook(path: string): AsyncGenerator<Sheet> {
  const workbook = new (await loadExcelJs()).Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch (error) {
    throw new RejectedFileError(`not a readable .xlsx workbook: ${(error as Error).message}`);
  }
  for (const sheet of workbook.worksheets) yield { name: sheet.name, rows: sheetRows(sheet) };
}

async function* streamedRows(sheet: AsyncIterable<ExcelJS.Row>): AsyncGenerator<SheetRow> {
  for await (const row of sheet) yield { number: row.number, cells: rowCells(row) };
}

async function* streamedWorkbook(path: string): AsyncGenerator<Sheet> {
  const input = createReadStream(path);
  const options = { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' } as const;
  try {
    const { stream } = await loadExcelJs();
    for await (const sheet of new stream.xlsx.WorkbookReader(input, options)) {
      // The typings omit the sheet name the reader sets from workbook.xml.
      const name = (sheet as unknown as { name?: string }).name ?? '';
      yield { name, rows: streamedRows(sheet) };
    }
  } catch (error) {
    throw new RejectedFileError(`not a readable .xlsx workbook: ${(error as Error).message}`);
  } finally {
    input.destroy();
  }
}

/** The sheets of a workbook in order, each a stream of rows; small workbooks are read whole. */
export async function openSheets(path: string, streamAboveBytes = STREAM_ABOVE_BYTES): Promise<() => AsyncGenerator<Sheet>> {
  const { size } = await stat(path);
  return size > streamAboveBytes ? () => streamedWorkbook(path) : () => wholeWorkbook(path);
}
