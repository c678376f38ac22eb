import type { CellValue } from 'exceljs';
import type { RawValue } from '../model.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * An Excel date cell as wall-clock text. exceljs builds the Date so that its UTC fields are what the cell
 * shows; a time-only cell (a serial below 1, dated 1899-12-30) becomes 'HH:MM:SS' alone, as a CSV
 * would write it, so the transform stage takes the day from the row's date column.
 */
export function excelDateText(date: Date): string {
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  const year = date.getUTCFullYear();
  if (year < 1900) return time;
  return `${year}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${time}`;
}

/** A cell as a RawValue: dates as wall-clock text, numbers stay numbers (serials), rich text as its text. */
export function cellValue(value: CellValue | undefined): RawValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : excelDateText(value);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: CellValue }).result;
    return typeof result === 'object' && result !== null && 'error' in result ? result.error : cellValue(result);
  }
  if ('hyperlink' in value) return cellValue(value.text as CellValue);
  if ('error' in value) return value.error;
  return null;
}

/** The text of a header cell. */
export function cellText(value: CellValue | undefined): string {
  const v = cellValue(value);
  return v === null ? '' : String(v);
}
