import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import multer from 'multer';
import { uploadsRoot } from './retention.ts';

/** Longest stored name, in characters (Cyrillic takes two bytes of a file system's 255). */
const NAME_CHARS = 120;
/** Kept from the start of a long name: an office code often opens it ("SRK_…"). */
const HEAD_CHARS = 40;

/**
 * Where uploads land: <dataDir>/uploads/<time>-<uuid>/<clean name>. The directory is generated per
 * request; the name keeps only letters, digits, spaces and . _ - of the original's last segment
 * (the ETL reads the office from file names such as "Сарканский РОП январь 2019.csv"), so no
 * name can climb out of the directory.
 */
export function uploadStorage(dataDir: string): multer.StorageEngine {
  const root = uploadsRoot(dataDir);
  return multer.diskStorage({
    destination(req, _file, cb) {
      const r = req as typeof req & { uploadDir?: string };
      if (!r.uploadDir) {
        const stamp = new Date().toISOString().replace(/[-:]/g, '').slice(0, 15);
        r.uploadDir = path.join(root, `${stamp}-${randomUUID()}`);
        fs.mkdirSync(r.uploadDir, { recursive: true });
      }
      cb(null, r.uploadDir);
    },
    filename(req, file, cb) {
      const r = req as typeof req & { uploadNames?: Set<string> };
      r.uploadNames ??= new Set();
      let name = cleanName(file.originalname);
      while (r.uploadNames.has(name)) name = `${randomUUID().slice(0, 8)}-${name}`;
      r.uploadNames.add(name);
      cb(null, name);
    },
  });
}

export function cleanName(original: string): string {
  // Browsers send latin1-decoded UTF-8 in multipart names; busboy hands it over as is.
  const decoded = Buffer.from(original, 'latin1').toString('utf8');
  const name = (decoded.includes('\uFFFD') ? original : decoded).split(/[\\/]/).pop() ?? '';
  const clean = shorten(name.normalize('NFC').replace(/[^\p{L}\p{N} ._-]/gu, '_').replace(/^[.\s]+/, ''));
  return clean || `upload-${randomUUID().slice(0, 8)}`;
}

/**
 * A long name loses its middle: the start (an office code such as "SRK_") and the end (the period, an
 * office named last, the extension) both survive, so the ingest still reads the office from the name.
 */
export function shorten(name: string): string {
  const chars = [...name];
  if (chars.length <= NAME_CHARS) return name;
  return `${chars.slice(0, HEAD_CHARS).join('')}…${chars.slice(chars.length - (NAME_CHARS - HEAD_CHARS - 1)).join('')}`;
}
