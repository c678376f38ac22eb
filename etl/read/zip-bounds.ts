import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { RejectedFileError } from '../model.ts';
import { readAt } from './read-at.ts';
import { READ_LIMITS } from './read-limits.ts';

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  declaredSize: number;
  localOffset: number;
}

export interface ZipLimits {
  inflatedBytes: number;
  sharedStringsBytes: number;
  textRunBytes: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const LT = 0x3c;

/** An entry name as a reason may show it: printable, short. */
function partName(name: string): string {
  const clean = name.replace(/[^\p{L}\p{N}._/\-[\]]/gu, '_');
  return clean.length > 80 ? `…${clean.slice(-80)}` : clean;
}

const damaged = (part: string) => new RejectedFileError('xlsx_unreadable', { part });

/** The zip's central directory: names, methods and sizes of every entry (sizes as declared). */
async function centralDirectory(handle: FileHandle, size: number): Promise<ZipEntry[]> {
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = await readAt(handle, size - tailLength, tailLength);
  let at = -1;
  for (let k = tail.length - 22; k >= 0; k--) if (tail.readUInt32LE(k) === EOCD) { at = k; break; }
  if (at === -1) throw damaged('the zip directory');
  const count = tail.readUInt16LE(at + 10);
  const dirSize = tail.readUInt32LE(at + 12);
  const dirOffset = tail.readUInt32LE(at + 16);
  if (dirOffset + dirSize > size || dirSize > 16 << 20) throw damaged('the zip directory');
  const dir = await readAt(handle, dirOffset, dirSize);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let k = 0; k < count; k++) {
    if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL) throw damaged('the zip directory');
    const nameLength = dir.readUInt16LE(p + 28);
    const name = dir.subarray(p + 46, p + 46 + nameLength).toString('utf8');
    entries.push({
      name, method: dir.readUInt16LE(p + 10), compressedSize: dir.readUInt32LE(p + 20),
      declaredSize: dir.readUInt32LE(p + 24), localOffset: dir.readUInt32LE(p + 42),
    });
    p += 46 + nameLength + dir.readUInt16LE(p + 30) + dir.readUInt16LE(p + 32);
  }
  return entries;
}

/**
 * Carries the count of bytes since the last '<' across a chunk; throws when it passes the limit. Jumps
 * a whole limit ahead each step (the last '<' before the point where one is due), so dense XML costs a
 * few calls per chunk rather than one per tag.
 */
function longestRun(chunk: Buffer, carried: number, limit: number, part: string): number {
  let run = carried;
  let from = 0;
  for (;;) {
    const due = from + (limit - run);
    if (due >= chunk.length) {
      const last = chunk.lastIndexOf(LT);
      return last >= from ? chunk.length - last - 1 : run + chunk.length - from;
    }
    const lt = chunk.lastIndexOf(LT, due);
    if (lt < from) throw new RejectedFileError('xlsx_cell_too_long', { part, limit });
    run = 0;
    from = lt + 1;
  }
}

const isXml = (name: string) => /\.(xml|rels|vml)$/i.test(name);

/** Where a part's packed bytes start: after its local header, whose name and extra lengths may differ from the directory's. */
async function dataStart(handle: FileHandle, entry: ZipEntry): Promise<number> {
  const local = await readAt(handle, entry.localOffset, 30);
  if (local.length < 30 || local.readUInt32LE(0) !== LOCAL) throw damaged(partName(entry.name));
  if (entry.method !== 0 && entry.method !== 8) throw damaged(partName(entry.name));
  return entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
}

/** One part of a checked zip, found through the central directory. */
export interface ZipPart {
  name: string;
  method: number;
  compressedSize: number;
  start: number;
}

/** A part's unpacked bytes as a stream (a stored part as it is). */
export function partStream(path: string, part: ZipPart): NodeJS.ReadableStream & AsyncIterable<Buffer> {
  if (part.compressedSize === 0) return Readable.from([]);
  const source = createReadStream(path, { start: part.start, end: part.start + part.compressedSize - 1, highWaterMark: 1 << 16 });
  if (part.method !== 8) return source;
  const inflate = createInflateRaw();
  source.on('error', (error) => inflate.destroy(error));
  inflate.on('close', () => source.destroy());
  return source.pipe(inflate);
}

/**
 * Unpacks one part as a stream, counting its bytes and the longest stretch of XML text between two
 * tags; stops as soon as a limit is passed. Returns the bytes it unpacked.
 */
async function inflatePart(path: string, part: ZipPart, budget: number, limits: ZipLimits): Promise<number> {
  const name = partName(part.name);
  const stream = partStream(path, part);
  const partLimit = /sharedStrings\.xml$/i.test(part.name) ? Math.min(budget, limits.sharedStringsBytes) : budget;
  const scanRuns = isXml(part.name);
  let bytes = 0;
  let run = 0;
  try {
    for await (const chunk of stream) {
      bytes += chunk.length;
      if (bytes > partLimit) {
        const limit = partLimit < budget ? limits.sharedStringsBytes : limits.inflatedBytes;
        throw new RejectedFileError('xlsx_inflated_too_large', { limit, part: name });
      }
      if (!scanRuns) continue;
      run = longestRun(chunk, run, limits.textRunBytes, name);
    }
  } catch (error) {
    if (error instanceof RejectedFileError) throw error;
    throw damaged(name);
  } finally {
    (stream as Readable).destroy();
  }
  return bytes;
}

/**
 * Unpacks a workbook once without keeping anything, before any XML parser sees it: a zip bomb (a small
 * file that unpacks to gigabytes) or a cell of a gigabyte of spaces is refused here, at the cost of one
 * inflate pass, instead of filling the memory of whoever reads it. Returns the parts it checked, so the
 * reader opens exactly those bytes (through the directory, as here) and nothing the check did not see.
 */
export async function checkZipBounds(path: string, limits: ZipLimits = {
  inflatedBytes: READ_LIMITS.xlsxInflatedBytes, sharedStringsBytes: READ_LIMITS.xlsxSharedStringsBytes, textRunBytes: READ_LIMITS.xlsxTextRunBytes,
}): Promise<ZipPart[]> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const entries = await centralDirectory(handle, size);
    const declared = entries.reduce((sum, e) => sum + e.declaredSize, 0);
    if (declared > limits.inflatedBytes) {
      const biggest = entries.reduce((a, b) => (b.declaredSize > a.declaredSize ? b : a));
      throw new RejectedFileError('xlsx_inflated_too_large', { limit: limits.inflatedBytes, part: partName(biggest.name) });
    }
    const parts: ZipPart[] = [];
    for (const entry of entries) {
      parts.push({ name: entry.name, method: entry.method, compressedSize: entry.compressedSize, start: await dataStart(handle, entry) });
    }
    let total = 0;
    for (const part of parts) total += await inflatePart(path, part, limits.inflatedBytes - total, limits);
    return parts;
  } finally {
    await handle.close();
  }
}
