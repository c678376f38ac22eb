/** A row as the API sends it: flat values (arrays are joined for CSV, XLSX and Arrow). */
export type Cell = string | number | boolean | null | undefined | readonly string[];
export type Row = Readonly<Record<string, Cell>>;

/** Count columns: a null here in a row marked `suppressed` was a count of 1–4 hidden from press. */
export const COUNT_KEYS: ReadonlySet<string> = new Set(['visits', 'previous', 'statements', 'admitted', 'total']);

/** The text shown for a cell in CSV and XLSX: suppressed counts read "<5", never a blank. */
export function cellText(row: Row, key: string): string | number | boolean | null {
  const v = row[key];
  if (v === null || v === undefined) return row.suppressed === true && COUNT_KEYS.has(key) ? '<5' : null;
  if (Array.isArray(v)) return v.join('; ');
  return v as string | number | boolean;
}

/** Column names of a table: the union of its rows' keys, in first-seen order. */
export function columnsOf(rows: readonly Row[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) seen.add(k);
  return [...seen];
}

/**
 * OWASP's CSV-injection rule: a text cell starting with = + - @, tab or carriage return could be run
 * as a formula by a spreadsheet (`-1+1+cmd|' /C calc'!A0`), so it gets a leading apostrophe, which
 * the spreadsheet shows as text. Numbers are written by us, never by a visitor, and stay as they are.
 */
export function neutraliseFormula(v: string | number | boolean): string {
  const s = String(v);
  return typeof v === 'string' && /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}
