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
