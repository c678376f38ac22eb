import { cellText, columnsOf, neutraliseFormula, type Row } from './cells.ts';

/** RFC 4180 CSV with a UTF-8 BOM, so Excel opens Cyrillic correctly. */
export function toCsv(rows: readonly Row[]): string {
  const cols = columnsOf(rows);
  const lines = [csvLine(cols)];
  for (const r of rows) lines.push(csvLine(cols.map((c) => cellText(r, c))));
  return `${CSV_BOM}${lines.join('')}`;
}

export const CSV_BOM = '\uFEFF';

/** One CSV line, CRLF-terminated. */
export function csvLine(values: readonly (string | number | boolean | null)[]): string {
  return `${values.map(quote).join(',')}\r\n`;
}

function quote(v: string | number | boolean | null): string {
  if (v === null) return '';
  const safe = neutraliseFormula(v);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
