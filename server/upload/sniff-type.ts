import fs from 'node:fs/promises';

export type SniffedKind = 'zip' | 'arrow' | 'text';

/**
 * What a file is by its first bytes, not its name: XLSX is a ZIP (PK\3\4), Arrow IPC starts with
 * "ARROW1" (file) or the 0xFFFFFFFF continuation marker (stream), CSV/JSONL are text (no NUL byte
 * in the first 8 KB, unless UTF-16 with a BOM). Anything else is refused before the ETL sees it.
 */
export async function sniffFileType(file: string): Promise<SniffedKind | null> {
  const fh = await fs.open(file, 'r');
  try {
    const buf = Buffer.alloc(8192);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const head = buf.subarray(0, bytesRead);
    if (bytesRead === 0) return 'text'; // empty: the ETL rejects it with its own message
    if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'zip';
    if (head.subarray(0, 6).toString('latin1') === 'ARROW1') return 'arrow';
    if (head.subarray(0, 4).equals(Buffer.from([0xff, 0xff, 0xff, 0xff]))) return 'arrow';
    const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
    if (utf16 || !head.includes(0)) return 'text';
    return null;
  } finally {
    await fh.close();
  }
}
