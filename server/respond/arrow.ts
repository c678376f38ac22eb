import { Bool, Float64, Int32, Table, Utf8, tableToIPC, vectorFromArray, type DataType, type Vector } from 'apache-arrow';
import { columnsOf, type Cell, type Row } from './cells.ts';

/**
 * A table as an Arrow IPC stream. Column types follow the values: whole numbers that fit Int32 are
 * Int32, other numbers Float64, booleans Bool, the rest Utf8 (arrays joined). Nulls stay null, so a
 * suppressed count is null next to `suppressed = true`, as in JSON.
 */
export function toArrow(rows: readonly Row[]): Uint8Array {
  const columns: Record<string, Vector> = {};
  for (const c of columnsOf(rows)) {
    const values = rows.map((r) => r[c]);
    const type = typeOf(values);
    const data = values.map((v) => (v === undefined ? null : Array.isArray(v) ? v.join('; ') : v));
    columns[c] = vectorFromArray(data as never[], type);
  }
  return tableToIPC(new Table(columns), 'stream');
}

function typeOf(values: readonly Cell[]): DataType {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (present.length > 0 && present.every((v) => typeof v === 'boolean')) return new Bool();
  if (present.length > 0 && present.every((v) => typeof v === 'number')) {
    const ints = present.every((v) => Number.isInteger(v) && Math.abs(v as number) < 2 ** 31);
    return ints ? new Int32() : new Float64();
  }
  return new Utf8();
}
