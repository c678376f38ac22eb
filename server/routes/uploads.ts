import fs from 'node:fs/promises';
import path from 'node:path';
import type { RequestHandler, Router } from 'express';
import multer from 'multer';
import { ingestPaths } from '../../etl/pipeline.ts';
import { ROUTES, type UploadResponse } from '../api/contract.ts';
import { HttpError } from '../http/http-error.ts';
import { mount } from '../http/route.ts';
import { sniffFileType } from '../upload/sniff-type.ts';
import { uploadStorage } from '../upload/storage.ts';
import type { RouteDeps } from './deps.ts';

const MAX_FILES = 50;

/** POST /api/uploads (admin): multipart field "files"; the files go through the same ingest as the CLI. */
export function uploadRoutes(router: Router, { handle, config }: RouteDeps): void {
  const maxBytes = config.uploadMaxBytes ?? 200 * 1024 * 1024;
  const parse = multer({ storage: uploadStorage(config.dataDir), limits: { fileSize: maxBytes, files: MAX_FILES, fields: 10 } })
    .array('files', MAX_FILES);
  const receive: RequestHandler = (req, res, next) => {
    if (!req.is('multipart/form-data')) {
      next(HttpError.of('unsupported_media_type', 'Send the files as multipart/form-data in the field "files"'));
      return;
    }
    parse(req, res, (err: unknown) => next(err ? uploadError(err) : undefined));
  };

  mount(router, ROUTES.upload, async ({ user, req, res }) => {
    const files = (req.files ?? []) as Express.Multer.File[];
    if (files.length === 0) throw HttpError.of('bad_request', 'files: expected at least one file in the multipart field "files"');
    for (const f of files) {
      if (!(await sniffFileType(f.path))) {
        await Promise.all(files.map((x) => fs.rm(x.path, { force: true })));
        throw HttpError.of('unsupported_media_type', `files: "${f.originalname}" is not CSV, JSON Lines, XLSX or Arrow`);
      }
    }
    req.log.info({ event: 'upload', files: files.length }, 'ingesting uploaded files');
    const report = await ingestPaths(handle, files.map((f) => f.path), { iinKey: config.iinKey ?? null, actor: user.name, regions: config.regions });
    const body: UploadResponse = {
      files: report.files.map((f) => ({ ...f, path: path.basename(f.path) })),
      totals: report.totals,
    };
    res.json(body);
  }, receive);
}

function uploadError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  if (err instanceof multer.MulterError) {
    if (err.code === 'LIMIT_FILE_SIZE') return HttpError.of('payload_too_large', `files: a file is over the upload limit`);
    if (err.code === 'LIMIT_FILE_COUNT') return HttpError.of('payload_too_large', `files: at most ${MAX_FILES} files per upload`);
    return HttpError.of('bad_request', `files: ${err.message}`);
  }
  return HttpError.of('bad_request', 'files: the multipart body could not be read');
}
