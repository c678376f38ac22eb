import { open } from 'node:fs/promises';
import { RejectedFileError } from '../model.ts';
import { chooseDecoder } from './decode-text.ts';

export type ContentFormat = 'csv' | 'xlsx' | 'jsonl' | 'arrow';

const PROBE_BYTES = 64 * 1024;

function startsWith(bytes: Buffer, magic: readonly number[] | string): boolean {
  const expected = typeof magic === 'string' ? Buffer.from(magic, 'latin1') : Buffer.from(magic);
  return bytes.length >= expected.length && bytes.subarray(0, expected.length).equals(expected);
}

/** Head and tail of the file: a zip's directory, naming its entries, sits at the end. */
async function probe(path: string): Promise<{ size: number; head: Buffer; tail: Buffer }> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(size, PROBE_BYTES));
    await handle.read(head, 0, head.length, 0);
    const tail = Buffer.alloc(Math.min(size, PROBE_BYTES));
    await handle.read(tail, 0, tail.length, size - tail.length);
    return { size, head, tail };
  } finally {
    await handle.close();
  }
}

function looksBinary(text: string): boolean {
  // Control characters other than TAB/LF/CR/FF never occur in a text export; a stray NUL or two in a
  // damaged one is taken out by the reader, but UTF-16 without a BOM (every other byte NUL) is not text.
  const controls = text.match(/[\x01-\x08\x0e-\x1f\x7f\ufffd]/g)?.length ?? 0;
  const nuls = text.match(/\0/g)?.length ?? 0;
  return controls > text.length / 100 || nuls > text.length / 10;
}

/**
 * Which reader a file needs, judged by its bytes rather than its name (data contract §2). Throws
 * RejectedFileError for an empty file and for anything that is not one of the four formats.
 */
export async function sniffFormat(path: string): Promise<ContentFormat> {
  const { size, head, tail } = await probe(path);
  if (size === 0) throw new RejectedFileError('empty_file');
  if (startsWith(head, 'PK\x03\x04') || startsWith(head, 'PK\x05\x06')) {
    const names = head.toString('latin1') + tail.toString('latin1');
    // The zip's directory, which names its entries, closes the file: without it the download was cut short.
    if (!tail.toString('latin1').includes('PK\x05\x06')) {
      throw new RejectedFileError('zip_truncated');
    }
    if (names.includes('xl/workbook.xml')) return 'xlsx';
    throw new RejectedFileError('zip_not_xlsx');
  }
  if (startsWith(head, 'ARROW1') || startsWith(head, [0xff, 0xff, 0xff, 0xff])) return 'arrow';
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new RejectedFileError('legacy_xls');
  }
  if (startsWith(head, '%PDF')) throw new RejectedFileError('pdf');
  const nonAscii = head.toString('latin1').search(/[\x80-\xff]/);
  const text = chooseDecoder(head, Math.max(nonAscii, 0)).write(head);
  if (looksBinary(text)) {
    throw new RejectedFileError('not_a_log');
  }
  const first = text.replace(/^\uFEFF/, '').trimStart()[0];
  if (first === undefined) throw new RejectedFileError('blank_only');
  if (first === '{') return 'jsonl';
  if (first === '[') throw new RejectedFileError('json_array');
  return 'csv';
}
