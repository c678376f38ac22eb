import { tableFromIPC, Type, type DataType } from 'apache-arrow';

export type Cell = string | number | boolean | null;

/** A table as one array per column, each typed by its field of the contract's row type. */
export type Columns<Row> = { [K in keyof Row]: Row[K][] };

/**
 * A decoded table: `length` rows, as columns the charts take directly. The columns are Partial
 * because the server names an Arrow table's columns after its rows' keys: a table without rows
 * arrives without columns.
 */
export interface ColumnTable<Row> {
  length: number;
  columns: Partial<Columns<Row>>;
}

/**
 * Arrow IPC → columns. Quirks handled here once: Int64 arrives as BigInt (counts fit a double),
 * Date columns as epoch milliseconds (→ 'YYYY-MM-DD', an Almaty calendar day), timestamps as
 * epoch milliseconds (→ ISO instant). Nulls stay null.
 */
export function decodeColumns(bytes: Uint8Array): ColumnTable<Record<string, Cell>> {
  const table = tableFromIPC(bytes);
  const columns = Object.fromEntries(table.schema.fields.map((f) => {
    const vector = table.getChild(f.name);
    const cell = toCell(f.type);
    return [f.name, vector ? Array.from(vector, (v: unknown) => cell(v)) : new Array<Cell>(table.numRows).fill(null)];
  }));
  return { length: table.numRows, columns };
}

/** The conversion of one column's values, chosen once per column from its Arrow type. */
function toCell(type: DataType): (value: unknown) => Cell {
  const epoch = (value: unknown) => new Date(value instanceof Date ? value.getTime() : Number(value));
  const convert: (value: unknown) => Cell = type.typeId === Type.Date ? (v) => epoch(v).toISOString().slice(0, 10)
    : type.typeId === Type.Timestamp ? (v) => epoch(v).toISOString()
      : (v) => (typeof v === 'bigint' ? Number(v)
        : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : String(v));
  return (value) => (value === null || value === undefined ? null : convert(value));
}
