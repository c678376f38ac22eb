import path from 'node:path';
import type { Router } from 'express';
import { isRejectCode } from '../../domain/reject-reasons.ts';
import { listIngestedFiles, listQuarantine } from '../../sql/queries/files.ts';
import { ROUTES, type FilesResponse, type QuarantineResponse } from '../api/contract.ts';
import { mount } from '../http/route.ts';
import { respond } from '../respond/respond.ts';
import type { RouteDeps } from './deps.ts';

/** The file name only: server paths are not the caller's business. */
const fileName = (p: string): string => path.basename(p);

/** GET /api/files (ingest reports), GET /api/quarantine (admin). */
export function fileRoutes(router: Router, { handle: { db } }: RouteDeps): void {
  mount(router, ROUTES.files, async ({ query, req, res }) => {
    const { total, rows } = await listIngestedFiles(db, { office: query.office, status: query.status, month: query.month }, query);
    const body: FilesResponse = {
      total,
      files: rows.map((f) => ({
        id: Number(f.id), name: fileName(f.path), sha256: f.sha256, bytes: Number(f.bytes), format: f.format,
        office: f.office_code, status: f.status, reason: f.reason,
        reason_code: isRejectCode(f.reason_code) ? f.reason_code : null, reason_params: f.reason_params, nuls_removed: f.nuls_removed, rows_read: f.rows_read, rows_loaded: f.rows_loaded,
        rows_duplicate: f.rows_duplicate, rows_quarantined: f.rows_quarantined, unknown_columns: f.unknown_columns,
        startedAt: f.started_at.toISOString(), finishedAt: f.finished_at ? f.finished_at.toISOString() : null,
        coveredFrom: f.covered_from, coveredTo: f.covered_to,
      })),
    };
    // A table cell holds text: the English reason stands for the code and its parameters there.
    await respond(req, res, body, { files: body.files.map(({ reason_params: _params, ...file }) => file) }, 'files');
  });

  mount(router, ROUTES.quarantine, async ({ query, req, res }) => {
    const { total, rows } = await listQuarantine(db, { file: query.file, reason: query.reason }, query);
    const body: QuarantineResponse = {
      total,
      rows: rows.map((q) => ({
        id: Number(q.id), fileId: Number(q.file_id), file: fileName(q.path), line: q.source_line, sheet: q.source_sheet,
        reason: q.reason, detail: q.detail, rawText: q.raw_text, createdAt: q.created_at.toISOString(),
      })),
    };
    await respond(req, res, body, { rows: body.rows }, 'quarantine');
  });
}
