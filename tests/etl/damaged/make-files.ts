import { constants, deflateRawSync } from 'node:zlib';
import { Int64, RecordBatchStreamWriter, makeVector, Table, TimestampMillisecond, TimestampNanosecond, Utf8, makeData, tableToIPC, vectorFromArray } from 'apache-arrow';
import ExcelJS from 'exceljs';

/**
 * Files an office might send, and damaged ones: built in memory by each test, small and fast. The
 * workbook bombs are assembled from repeated deflate blocks, so a gigabyte of content costs a few
 * kilobytes and no time to build.
 */

export interface VisitRow { ref: string; day: string; time: string; topic: string }

export function visitRows(n: number, seed = 0): VisitRow[] {
  return Array.from({ length: n }, (_, k) => ({
    ref: `R${seed}-${k + 1}`, day: `0${1 + (k % 9)}.03.2024`, time: `${String(9 + (k % 8)).padStart(2, '0')}:${String(k % 60).padStart(2, '0')}`,
    topic: ['справка о несудимости', 'кража телефона', 'консультация', 'утеря паспорта'][k % 4] ?? '',
  }));
}

const HEADER = ['Дата', 'Время прихода', 'Талон', 'Цель визита'];

export function csvBytes(rows: readonly VisitRow[]): Buffer {
  return Buffer.from([HEADER.join(';'), ...rows.map((r) => [r.day, r.time, r.ref, r.topic].join(';'))].join('\r\n') + '\r\n', 'utf8');
}

export function jsonlBytes(rows: readonly VisitRow[]): Buffer {
  const iso = (r: VisitRow) => `2024-03-${r.day.slice(0, 2)}T${r.time}:00+05:00`;
  return Buffer.from(rows.map((r) => JSON.stringify({ visit_ref: r.ref, arrived_at: iso(r), topic_text: r.topic })).join('\n') + '\n', 'utf8');
}

export async function xlsxBytes(rows: readonly VisitRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Март 2024');
  sheet.addRow(['Журнал учёта посетителей']);
  sheet.addRow(HEADER);
  for (const r of rows) sheet.addRow([r.day, r.time, r.ref, r.topic]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const wallMs = (r: VisitRow) => Date.UTC(2024, 2, Number(r.day.slice(0, 2)), Number(r.time.slice(0, 2)), Number(r.time.slice(3, 5)));

/** An Arrow stream of `batches` record batches (the multi-batch stream an export writes). */
export function arrowStreamBytes(rows: readonly VisitRow[], batches: number): Buffer {
  const per = Math.ceil(rows.length / batches);
  const parts = Array.from({ length: batches }, (_, b) => rows.slice(b * per, (b + 1) * per)).filter((p) => p.length);
  const tables = parts.map((part) => new Table({
    visit_ref: vectorFromArray(part.map((r) => r.ref), new Utf8()),
    arrived_at: vectorFromArray(part.map(wallMs), new TimestampMillisecond()),
    topic_text: vectorFromArray(part.map((r) => r.topic), new Utf8()),
  }));
  const writer = new RecordBatchStreamWriter();
  for (const t of tables) for (const batch of t.batches) writer.write(batch);
  writer.finish();
  return Buffer.from(writer.toUint8Array(true));
}

export function arrowFileBytes(rows: readonly VisitRow[]): Buffer {
  return Buffer.from(tableToIPC(new Table({
    visit_ref: vectorFromArray(rows.map((r) => r.ref), new Utf8()),
    arrived_at: vectorFromArray(rows.map(wallMs), new TimestampMillisecond()),
    topic_text: vectorFromArray(rows.map((r) => r.topic), new Utf8()),
  }), 'file'));
}

/**
 * An Arrow stream whose arrived_at is an int64 timestamp of `unit` holding raw values: the first rows
 * fine, the rest the values given (beyond 2^53, beyond any calendar), which arrow cannot turn into dates.
 */
export function arrowWithRawTimes(good: readonly VisitRow[], bad: readonly bigint[], unit: 'ms' | 'ns'): Buffer {
  const scale = unit === 'ns' ? 1_000_000n : 1n;
  const raw = [...good.map((r) => BigInt(wallMs(r)) * scale), ...bad];
  const type = unit === 'ns' ? new TimestampNanosecond() : new TimestampMillisecond();
  const data = makeData({ type, length: raw.length, nullCount: 0, data: BigInt64Array.from(raw) });
  const refs = vectorFromArray([...good.map((r) => r.ref), ...bad.map((_, k) => `BAD-${k}`)], new Utf8());
  const topics = vectorFromArray([...good.map((r) => r.topic), ...bad.map(() => 'консультация')], new Utf8());
  const table = new Table({ visit_ref: refs, arrived_at: makeVector(data), topic_text: topics });
  return Buffer.from(tableToIPC(table, 'stream'));
}

/** An Arrow stream with an int64 column of huge values (not a time): read as its digits. */
export function arrowWithHugeInt(rows: readonly VisitRow[]): Buffer {
  const big = rows.map((_, k) => (k % 2 ? 2n ** 62n + BigInt(k) : BigInt(k)));
  return Buffer.from(tableToIPC(new Table({
    visit_ref: vectorFromArray(big, new Int64()),
    arrived_at: vectorFromArray(rows.map(wallMs), new TimestampMillisecond()),
    topic_text: vectorFromArray(rows.map((r) => r.topic), new Utf8()),
  }), 'stream'));
}

// ---- zip assembly, for workbooks too big to build honestly ----

/** Deflate blocks of `piece` that end on a byte boundary and are not final: copies can be concatenated. */
function openBlocks(piece: Buffer): Buffer {
  return deflateRawSync(piece, { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
}
/** A final, empty fixed-Huffman block: ends any run of open blocks. */
const FINAL_BLOCK = Buffer.from([0x03, 0x00]);

interface ZipPart { name: string; data: Buffer; size: number }

function storedPart(name: string, text: string): ZipPart {
  const raw = Buffer.from(text, 'utf8');
  return { name, data: Buffer.concat([openBlocks(raw), FINAL_BLOCK]), size: raw.length };
}

/** A zip (method 8) of parts already deflated; `declare` overrides the size written in the directory. */
function zip(parts: readonly (ZipPart & { declare?: number })[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const size = p.declare ?? p.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(8, 8);
    local.writeUInt32LE(p.data.length, 18); local.writeUInt32LE(Math.min(size, 0xffffffff), 22); local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(8, 10);
    central.writeUInt32LE(p.data.length, 20); central.writeUInt32LE(Math.min(size, 0xffffffff), 24); central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, p.data);
    centrals.push(central, name);
    offset += 30 + name.length + p.data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(parts.length, 8); end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dir.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const CONTENT_TYPES = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
  + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
  + '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
  + '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>';
const RELS = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
  + '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';
const WORKBOOK = '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
  + 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Лист1" sheetId="1" r:id="rId1"/></sheets></workbook>';
const WORKBOOK_RELS = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
  + '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';
const SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
  + '<row r="1"><c r="A1" t="inlineStr"><is><t>Дата</t></is></c><c r="B1" t="inlineStr"><is><t>Время прихода</t></is></c><c r="C1" t="inlineStr"><is><t>Цель визита</t></is></c></row>';
const SHEET_TAIL = '</sheetData></worksheet>';

/** A workbook whose one sheet is head + `repeat` × piece + tail, the middle stored as repeated deflate blocks. */
function repeatedSheetWorkbook(piece: string, repeat: number, declare?: number): Buffer {
  const pieceBytes = Buffer.from(piece, 'utf8');
  const block = openBlocks(pieceBytes);
  const head = Buffer.from(SHEET_HEAD, 'utf8');
  const tail = Buffer.from(SHEET_TAIL, 'utf8');
  const data = Buffer.concat([openBlocks(head), ...Array.from({ length: repeat }, () => block), openBlocks(tail), FINAL_BLOCK]);
  const sheet = { name: 'xl/worksheets/sheet1.xml', data, size: head.length + pieceBytes.length * repeat + tail.length, declare };
  return zip([
    storedPart('[Content_Types].xml', CONTENT_TYPES), storedPart('_rels/.rels', RELS), storedPart('xl/workbook.xml', WORKBOOK),
    storedPart('xl/_rels/workbook.xml.rels', WORKBOOK_RELS), sheet,
  ]);
}

/** A zip bomb: about a megabyte packed, `megabytes` of ordinary-looking rows unpacked; `declare` lies about the size. */
export function zipBombXlsx(megabytes = 400, declare?: number): Buffer {
  const row = '<row><c t="inlineStr"><is><t>04.03.2024</t></is></c><c t="inlineStr"><is><t>09:05</t></is></c>'
    + '<c t="inlineStr"><is><t>справка о несудимости, консультация по заявлению</t></is></c></row>';
  const piece = row.repeat(Math.ceil((1 << 20) / Buffer.byteLength(row)));
  return repeatedSheetWorkbook(piece, megabytes, declare);
}

/**
 * A workbook of a gigabyte of spaces in one cell, its directory lying that the sheet is 1 KB: only
 * unpacking tells.
 */
export function spacesXlsx(gigabytes = 1): Buffer {
  const cellOpen = '<row r="2"><c r="A2" t="inlineStr"><is><t xml:space="preserve">';
  const spaces = ' '.repeat(1 << 20);
  const block = openBlocks(Buffer.from(spaces));
  const head = Buffer.from(SHEET_HEAD + cellOpen, 'utf8');
  const tail = Buffer.from(`</t></is></c></row>${SHEET_TAIL}`, 'utf8');
  const data = Buffer.concat([openBlocks(head), ...Array.from({ length: 1024 * gigabytes }, () => block), openBlocks(tail), FINAL_BLOCK]);
  return zip([
    storedPart('[Content_Types].xml', CONTENT_TYPES), storedPart('_rels/.rels', RELS), storedPart('xl/workbook.xml', WORKBOOK),
    storedPart('xl/_rels/workbook.xml.rels', WORKBOOK_RELS), { name: 'xl/worksheets/sheet1.xml', data, size: 1024 },
  ]);
}

/** A workbook written by hand: the header row, then the given cells' texts, XML-escaped but otherwise raw (NULs included). */
export function rawXlsx(rows: readonly (readonly string[])[]): Buffer {
  const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const body = rows.map((cells, r) => `<row r="${r + 2}">${cells.map((c, k) => `<c r="${'ABCDEFGHIJ'[k] ?? 'Z'}${r + 2}" t="inlineStr"><is><t>${esc(c)}</t></is></c>`).join('')}</row>`).join('');
  return zip([
    storedPart('[Content_Types].xml', CONTENT_TYPES), storedPart('_rels/.rels', RELS), storedPart('xl/workbook.xml', WORKBOOK),
    storedPart('xl/_rels/workbook.xml.rels', WORKBOOK_RELS), storedPart('xl/worksheets/sheet1.xml', SHEET_HEAD + body + SHEET_TAIL),
  ]);
}
