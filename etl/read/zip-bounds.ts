import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
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

/**
 * Unpacks one entry as a stream, counting its bytes and the longest stretch of XML text between two
 * tags; stops as soon as a limit is passed. Returns the bytes it unpacked.
 */
async function inflateEntry(path: string, handle: FileHandle, entry: ZipEntry, budget: number, limits: ZipLimits): Promise<number> {
  const part = partName(entry.name);
  const local = await readAt(handle, entry.localOffset, 30);
  if (local.length < 30 || local.readUInt32LE(0) !== LOCAL) throw damaged(part);
  const start = entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  if (entry.method !== 0 && entry.method !== 8) throw damaged(part);
  if (entry.compressedSize === 0) return 0;
  const source = createReadStream(path, { start, end: start + entry.compressedSize - 1, highWaterMark: 1 << 16 });
  const inflate = entry.method === 8 ? createInflateRaw() : null;
  const stream = inflate ? source.pipe(inflate) : source;
  if (inflate) source.on('error', (error) => inflate.destroy(error));
  const partLimit = /sharedStrings\.xml$/i.test(entry.name) ? Math.min(budget, limits.sharedStringsBytes) : budget;
  const scanRuns = isXml(entry.name);
  let bytes = 0;
  let run = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (bytes > partLimit) {
        const limit = partLimit < budget ? limits.sharedStringsBytes : limits.inflatedBytes;
        throw new RejectedFileError('xlsx_inflated_too_large', { limit, part });
      }
      if (!scanRuns) continue;
      run = longestRun(chunk, run, limits.textRunBytes, part);
    }
  } catch (error) {
    if (error instanceof RejectedFileError) throw error;
    throw damaged(part);
  } finally {
    source.destroy();
    inflate?.destroy();
  }
  return bytes;
}

/**
 * Unpacks a workbook once without keeping anything, before any XML parser sees it: a zip bomb (a small
 * file that unpacks to gigabytes) or a cell of a gigabyte of spaces is refused here, at the cost of one
 * inflate pass, instead of filling the memory of whoever reads it.
 */
export async function checkZipBounds(path: string, limits: ZipLimits = {
  inflatedBytes: READ_LIMITS.xlsxInflatedBytes, sharedStringsBytes: READ_LIMITS.xlsxSharedStringsBytes, textRunBytes: READ_LIMITS.xlsxTextRunBytes,
}): Promise<void> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const entries = await centralDirectory(handle, size);
    const declared = entries.reduce((sum, e) => sum + e.declaredSize, 0);
    if (declared > limits.inflatedBytes) {
      const biggest = entries.reduce((a, b) => (b.declaredSize > a.declaredSize ? b : a));
      throw new RejectedFileError('xlsx_inflated_too_large', { limit: limits.inflatedBytes, part: partName(biggest.name) });
    }
    let total = 0;
    for (const entry of entries) total += await inflateEntry(path, handle, entry, limits.inflatedBytes - total, limits);
  } finally {
    await handle.close();
  }
}
