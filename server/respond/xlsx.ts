import { cellText, columnsOf, type Row } from './cells.ts';

/** One worksheet per table, header row bold and frozen. */
export async function toXlsx(tables: Readonly<Record<string, readonly Row[]>>): Promise<Buffer> {
  // Imported here, not at the top: exceljs takes over a second to load and most answers never need it.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Vitrina';
  for (const [name, rows] of Object.entries(tables)) {
    const ws = wb.addWorksheet(name.slice(0, 31));
    const cols = columnsOf(rows);
    ws.addRow(cols).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    for (const r of rows) ws.addRow(cols.map((c) => cellText(r, c)));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
