/**
 * Zip writers stamp every entry with the current time, so the same workbook written twice differs.
 * This sets every entry's DOS date and time to one fixed value, in the central directory and in
 * each local header, so a seed always gives the same bytes (and re-ingesting a demo is a no-op).
 */
const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
// 2018-01-01 00:00: DOS date ((year-1980) << 9 | month << 5 | day), time 0.
const DOS_DATE = ((2018 - 1980) << 9) | (1 << 5) | 1;

export function fixZipTimes(zip: Buffer): Buffer {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== EOCD) eocd--;
  if (eocd < 0) throw new Error('Expected a zip archive: no end-of-central-directory record');
  const entries = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    if (zip.readUInt32LE(at) !== CENTRAL) throw new Error(`Expected a central directory entry at byte ${at}`);
    zip.writeUInt16LE(0, at + 12);
    zip.writeUInt16LE(DOS_DATE, at + 14);
    const local = zip.readUInt32LE(at + 42);
    if (zip.readUInt32LE(local) !== LOCAL) throw new Error(`Expected a local file header at byte ${local}`);
    zip.writeUInt16LE(0, local + 10);
    zip.writeUInt16LE(DOS_DATE, local + 12);
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return zip;
}
