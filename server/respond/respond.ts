import type { Request, Response } from 'express';
import { ARROW_MIME, Format } from '../api/contract.ts';
import { HttpError } from '../http/http-error.ts';
import { toArrow } from './arrow.ts';
import type { Row } from './cells.ts';
import { toCsv } from './csv.ts';
import { toXlsx } from './xlsx.ts';

export type Tables = Readonly<Record<string, readonly Row[]>>;
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Sends an aggregate in the format the caller asked for: ?format=, else the Accept header, else
 * JSON. JSON sends `body` whole; Arrow and CSV send one of `tables` (?table=, default the first),
 * XLSX sends every table as a sheet. `name` becomes the download's file name.
 */
export async function respond(req: Request, res: Response, body: unknown, tables: Tables, name: string): Promise<void> {
  const format = pickFormat(req);
  res.vary('Accept');
  if (format === 'json') {
    res.json(body);
    return;
  }
  if (format === 'xlsx') {
    res.type(XLSX_MIME).attachment(`${name}.xlsx`).send(await toXlsx(tables));
    return;
  }
  const tableName = typeof req.query.table === 'string' ? req.query.table : Object.keys(tables)[0];
  // An own property only: tables['__proto__'] is Object.prototype, not a table.
  const rows = tableName !== undefined && Object.hasOwn(tables, tableName) ? tables[tableName] : undefined;
  if (!rows) throw HttpError.of('bad_request', `table: expected one of ${Object.keys(tables).join(', ')}`);
  if (format === 'arrow') {
    res.type(ARROW_MIME).send(Buffer.from(toArrow(rows)));
    return;
  }
  res.type('text/csv; charset=utf-8').attachment(`${name}-${tableName}.csv`).send(toCsv(rows));
}

export function pickFormat(req: Request): Format {
  const q = req.query.format;
  if (q !== undefined) {
    const parsed = Format.safeParse(q);
    if (!parsed.success) throw HttpError.of('bad_request', `format: expected one of ${Format.options.join(', ')}`);
    return parsed.data;
  }
  const accepted = req.accepts(['application/json', ARROW_MIME, 'text/csv', XLSX_MIME]);
  if (accepted === ARROW_MIME) return 'arrow';
  if (accepted === 'text/csv') return 'csv';
  if (accepted === XLSX_MIME) return 'xlsx';
  return 'json';
}
