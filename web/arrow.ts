import { tableFromIPC, Type, type DataType } from 'apache-arrow';

export type Cell = string | number | boolean | null;
export type ArrowRow = Record<string, Cell>;

/**
 * Arrow → plain rows the views can chart. Quirks handled here once: Int64 arrives as BigInt
 * (counts fit a double), Date columns as epoch milliseconds (→ 'YYYY-MM-DD', an Almaty calendar
 * day), timestamps as epoch milliseconds (→ ISO instant).
 */
export function decodeArrow(bytes: Uint8Array): ArrowRow[] {
  const table = tableFromIPC(bytes);
  const fields = table.schema.fields;
  const columns = fields.map((f) => table.getChild(f.name));
  const rows: ArrowRow[] = [];
  for (let i = 0; i < table.numRows; i += 1) {
    const row: ArrowRow = {};
    fields.forEach((f, j) => { row[f.name] = toCell(columns[j]?.get(i), f.type); });
    rows.push(row);
  }
  return rows;
}

function toCell(value: unknown, type: DataType): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  switch (type.typeId) {
    case Type.Date:
      return new Date(value instanceof Date ? value.getTime() : Number(value)).toISOString().slice(0, 10);
    case Type.Timestamp:
      return new Date(value instanceof Date ? value.getTime() : Number(value)).toISOString();
    default:
      break;
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}
