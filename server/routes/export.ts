import { once } from 'node:events';
import type { Response, Router } from 'express';
import { exportVisits, type ExportedVisit } from '../../sql/queries/export-visits.ts';
import { ROUTES } from '../api/contract.ts';
import { mount } from '../http/route.ts';
import { CSV_BOM, csvLine } from '../respond/csv.ts';
import type { RouteDeps } from './deps.ts';
import { resolveFilter } from '../scope/resolve-scope.ts';

/** Excel's sheet holds 1,048,576 rows; longer exports must use CSV or JSON Lines. */
const XLSX_MAX_ROWS = 1_000_000;

async function write(res: Response, chunk: string): Promise<void> {
  if (!res.write(chunk)) await once(res, 'drain');
}

/**
 * GET /api/export/visits — visit-level rows with the hashed visitor only (department, admin),
 * streamed page by page so a year of visits never sits in memory.
 */
export function exportRoutes(router: Router, { handle: { db } }: RouteDeps): void {
  mount(router, ROUTES.exportVisits, async ({ query, user, req, res }) => {
    const { period } = await resolveFilter(db, query);
    const rows = exportVisits(db, { from: period.from, to: period.to, office: query.office });
    const name = `visits-${query.office ?? 'all'}-${period.from}-${period.to}`;
    req.log.info({ event: 'export', user: user.name, format: query.format }, 'visit export');
    if (query.format === 'jsonl') {
      res.type('application/x-ndjson; charset=utf-8').attachment(`${name}.jsonl`);
      for await (const v of rows) await write(res, `${JSON.stringify(v)}\n`);
      res.end();
      return;
    }
    if (query.format === 'csv') {
      res.type('text/csv; charset=utf-8').attachment(`${name}.csv`);
      await write(res, CSV_BOM);
      let first = true;
      for await (const v of rows) {
        if (first) await write(res, csvLine(Object.keys(v)));
        first = false;
        await write(res, csvLine(Object.values(v as ExportedVisit)));
      }
      res.end();
      return;
    }
    res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').attachment(`${name}.xlsx`);
    const { default: ExcelJS } = await import('exceljs'); // loaded only when asked for: over a second
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: false, useSharedStrings: false });
    const ws = wb.addWorksheet('visits');
    let n = 0;
    for await (const v of rows) {
      if (n === 0) ws.addRow(Object.keys(v)).commit();
      if (++n > XLSX_MAX_ROWS) break;
      ws.addRow(Object.values(v as ExportedVisit)).commit();
    }
    ws.commit();
    await wb.commit();
  });
}
