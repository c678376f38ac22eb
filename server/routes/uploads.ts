import path from 'node:path';
import type { Request, RequestHandler, Router } from 'express';
import multer from 'multer';
import type { IngestReport } from '../../etl/model.ts';
import { ingestPaths } from '../../etl/pipeline.ts';
import { ROUTES, type UploadResponse } from '../api/contract.ts';
import { serverNow } from '../http/clock.ts';
import { HttpError } from '../http/http-error.ts';
import { mount } from '../http/route.ts';
import { checkFilesInChild } from '../upload/check-in-child.ts';
import { DEFAULT_KEEP_DAYS, pruneUploads, removeUpload, settleUpload } from '../upload/retention.ts';
import { uploadStorage } from '../upload/storage.ts';
import type { RouteDeps } from './deps.ts';

const MAX_FILES = 50;
const DAY_MS = 86_400_000;

const uploadDirOf = (req: Request): string | undefined => (req as Request & { uploadDir?: string }).uploadDir;

/**
 * POST /api/uploads (admin): multipart field "files"; the files go through the same ingest as the CLI and
 * the answer is its report, file by file. Each file is first read in a child process with a capped heap,
 * so no upload can take the server's memory; a file refused there is reported as rejected like any other.
 */
export function uploadRoutes(router: Router, { handle, config, logger }: RouteDeps): void {
  const maxBytes = config.uploadMaxBytes ?? 200 * 1024 * 1024;
  const keepDays = config.uploadKeepDays ?? DEFAULT_KEEP_DAYS;
  const parse = multer({ storage: uploadStorage(config.dataDir), limits: { fileSize: maxBytes, files: MAX_FILES, fields: 10 } })
    .array('files', MAX_FILES);
  const receive: RequestHandler = (req, res, next) => {
    if (!req.is('multipart/form-data')) {
      next(HttpError.of('unsupported_media_type', 'Send the files as multipart/form-data in the field "files"'));
      return;
    }
    parse(req, res, (err: unknown) => {
      if (!err) return next();
      // A refused or broken upload (over the limit, cut off) leaves nothing behind, not even its folder.
      void removeUpload(uploadDirOf(req)).finally(() => next(uploadError(err, maxBytes)));
    });
  };

  // Uploads are kept for the audit period; the server sweeps them at start and once a day.
  const prune = () => void pruneUploads(config.dataDir, { keepDays }).then(
    (r) => { if (r.removed) logger.info({ event: 'uploads_pruned', ...r }, 'old and unfinished uploads removed'); },
    (error: unknown) => logger.warn({ err: error }, 'pruning uploads failed'),
  );
  prune();
  setInterval(prune, DAY_MS).unref();

  mount(router, ROUTES.upload, async ({ user, req, res }) => {
    const files = (req.files ?? []) as Express.Multer.File[];
    const dir = uploadDirOf(req);
    if (files.length === 0) {
      await removeUpload(dir);
      throw HttpError.of('bad_request', 'files: expected at least one file in the multipart field "files"');
    }
    req.log.info({ event: 'upload', files: files.length }, 'ingesting uploaded files');
    const paths = files.map((f) => f.path);
    let report: IngestReport;
    try {
      const refused = await checkFilesInChild(paths);
      report = await ingestPaths(handle, paths, {
        iinKey: config.iinKey ?? null, actor: user.name, regions: config.regions, refused, now: new Date(serverNow()),
        onUnexpected: (error, file) => req.log.error({ err: error, file: path.basename(file) }, 'a file was rejected by an internal error'),
      });
    } catch (error) {
      await removeUpload(dir);
      throw error;
    }
    if (dir) await settleUpload(dir, report.files.filter((f) => f.status === 'rejected').map((f) => f.path));
    const body: UploadResponse = {
      files: report.files.map((f) => ({ ...f, path: path.basename(f.path) })),
      totals: report.totals,
    };
    res.json(body);
  }, receive);
}

function uploadError(err: unknown, maxBytes: number): HttpError {
  if (err instanceof HttpError) return err;
  if (err instanceof multer.MulterError) {
    const mb = Math.floor(maxBytes / (1 << 20));
    if (err.code === 'LIMIT_FILE_SIZE') return HttpError.of('payload_too_large', `files: a file is over the upload limit of ${mb} MB`);
    if (err.code === 'LIMIT_FILE_COUNT') return HttpError.of('payload_too_large', `files: at most ${MAX_FILES} files per upload`);
    return HttpError.of('bad_request', `files: ${err.message}`);
  }
  return HttpError.of('bad_request', 'files: the multipart body could not be read');
}
