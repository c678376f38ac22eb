import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { RejectedFileError, type RawRecord, type ReadResult } from '../../../etl/model.ts';
import { readFile } from '../../../etl/read/read-file.ts';
import { tempFolder } from '../../helpers/files.ts';
import {
  arrowFileBytes, arrowStreamBytes, arrowWithHugeInt, arrowWithRawTimes, csvBytes, rawXlsx, jsonlBytes, spacesXlsx, visitRows, xlsxBytes, zipBombXlsx,
} from './make-files.ts';

const folder = tempFolder('vitrina-damaged-');
afterAll(() => folder.remove());

function put(name: string, bytes: Buffer): string {
  const file = `${folder.dir}/${name}`;
  fs.writeFileSync(file, bytes);
  return file;
}

async function readAll(file: string): Promise<{ read: ReadResult<string>; records: RawRecord<string>[] }> {
  const read = (await readFile(file)) as ReadResult<string>;
  const records: RawRecord<string>[] = [];
  for await (const r of read.records) records.push(r);
  return { read, records };
}

async function refusal(file: string): Promise<RejectedFileError> {
  const error: unknown = await readAll(file).then(() => null, (e: unknown) => e);
  expect(error, file).toBeInstanceOf(RejectedFileError);
  return error as RejectedFileError;
}

describe('a workbook is read streaming, within bounds', () => {
  it('refuses a zip bomb (1 MB packed, 400 MB of rows unpacked) by its unpacked size, without unpacking it all', async () => {
    const bomb = zipBombXlsx(400);
    expect(bomb.length).toBeLessThan(3 << 20);
    const before = process.memoryUsage().rss;
    const error = await refusal(put('SRK bomb.xlsx', bomb));
    expect(error.code).toBe('xlsx_inflated_too_large');
    expect(error.message).toMatch(/unpacks to more than 256 MB \(xl\/worksheets\/sheet1\.xml\)/);
    // The same bomb with its directory claiming 1 KB: unpacked as a stream and counted, stopped at the limit.
    const liar = await refusal(put('SRK liar.xlsx', zipBombXlsx(400, 1024)));
    expect(liar.code).toBe('xlsx_inflated_too_large');
    expect(process.memoryUsage().rss - before).toBeLessThan(100 << 20);
  });

  it('refuses a gigabyte of spaces in one cell, whose directory claims 1 KB, as soon as the cell passes the limit', async () => {
    const spaces = spacesXlsx(1);
    expect(spaces.length).toBeLessThan(8 << 20);
    const started = Date.now();
    const error = await refusal(put('SRK spaces.xlsx', spaces));
    expect(error.code).toBe('xlsx_cell_too_long');
    expect(error.params).toMatchObject({ part: 'xl/worksheets/sheet1.xml' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('still reads an ordinary journal, streamed, with its title row above the header', async () => {
    const { records } = await readAll(put('SRK journal.xlsx', await xlsxBytes(visitRows(5))));
    expect(records).toHaveLength(5);
    expect(records[0]?.values).toMatchObject({ arrived_at: '09:00', visit_ref: 'R0-1' });
  });
});

describe('an Arrow file is checked block by block', () => {
  const rows = visitRows(200);

  it('refuses a multi-batch stream cut inside its 18th batch, naming the block', async () => {
    const whole = arrowStreamBytes(rows, 20);
    const ok = await readAll(put('SRK whole.arrows', whole));
    expect(ok.records).toHaveLength(200);
    // Find where the 18th batch's body ends by cutting ever shorter until the block reported is 18.
    const cut = whole.subarray(0, Math.floor(whole.length * 0.87));
    const error = await refusal(put('SRK cut.arrows', cut));
    expect(error.code).toBe('arrow_truncated');
    expect(error.params.block).toBeGreaterThanOrEqual(17);
    expect(error.params.block).toBeLessThanOrEqual(19);
    expect(error.message).toMatch(/^the Arrow file is cut short in block \d+/);
  });

  it('refuses a file-format Arrow file whose footer is gone', async () => {
    const file = arrowFileBytes(rows);
    const error = await refusal(put('SRK file.arrow', file.subarray(0, file.length - 40)));
    expect(error.code).toBe('arrow_truncated');
  });

  it('refuses a metadata length bit-flipped to 2 GB, without allocating it', async () => {
    const bytes = Buffer.from(arrowStreamBytes(rows, 4));
    // The second message (the first batch) starts after the schema: continuation marker, then the length.
    const schemaLength = bytes.readUInt32LE(4);
    const second = 8 + schemaLength + 0;
    expect(bytes.readUInt32LE(second)).toBe(0xffffffff);
    bytes.writeUInt32LE(1953391981, second + 4);
    const error = await refusal(put('SRK meta.arrows', bytes));
    expect(error.code).toBe('arrow_metadata_too_large');
    expect(error.params).toMatchObject({ block: 1, bytes: 1953391981 });
  });

  it('marks rows whose timestamps lie beyond 2^53 ms or any calendar as malformed, keeping the good rows', async () => {
    // 2^62 ms is not a safe number; 9e15 ms is past the last date JavaScript can hold (year 275760).
    const bad = [2n ** 62n, -(2n ** 62n), 9_000_000_000_000_000n];
    const { records } = await readAll(put('SRK millis.arrows', arrowWithRawTimes(rows.slice(0, 3), bad, 'ms')));
    expect(records).toHaveLength(6);
    expect(records.slice(0, 3).map((r) => r.values?.arrived_at)).toEqual(['2024-03-01 09:00:00', '2024-03-02 10:01:00', '2024-03-03 11:02:00']);
    for (const r of records.slice(3)) {
      expect(r.values).toBeNull();
      expect(r.malformed).toMatch(/^column "arrived_at": a time outside any calendar/);
    }
  });

  it('reads the largest nanosecond timestamps as the far-future times they are (quarantined later as out_of_range)', async () => {
    const { records } = await readAll(put('SRK nanos.arrows', arrowWithRawTimes([], [9_223_372_036_854_775_807n], 'ns')));
    expect(records[0]?.values?.arrived_at).toMatch(/^2262-04-11 /);
  });

  it('reads int64 values beyond 2^53 as their digits', async () => {
    const { records } = await readAll(put('SRK int64.arrows', arrowWithHugeInt(rows.slice(0, 4))));
    expect(records.map((r) => r.values?.visit_ref)).toEqual([0, String(2n ** 62n + 1n), 2, String(2n ** 62n + 3n)]);
  });
});

describe('NUL bytes are taken out of text and counted, in every format', () => {
  const rows = visitRows(3).map((r, k) => (k === 1 ? { ...r, topic: 'кра\0жа\0' } : r));

  it('CSV and JSON Lines (raw NULs, and \\u0000 escapes)', async () => {
    const csv = await readAll(put('SRK nul.csv', csvBytes(rows)));
    expect(csv.records[1]?.values?.topic_text).toBe('кража');
    expect(csv.read.repairs.nulsRemoved).toBe(2);
    const jsonl = await readAll(put('SRK nul.jsonl', jsonlBytes(rows)));
    expect(jsonl.records[1]?.values?.topic_text).toBe('кража');
    expect(jsonl.read.repairs.nulsRemoved).toBe(2);
  });

  it('a workbook and an Arrow file', async () => {
    // XML holds no NUL: Excel writes it as _x0000_; a raw one makes the sheet unreadable XML.
    const xlsx = await readAll(put('SRK nul.xlsx', rawXlsx(rows.map((r) => [r.day, r.time, r.topic.replace(/\0/g, '_x0000_')]))));
    expect(xlsx.records[1]?.values?.topic_text).toBe('кража');
    expect(xlsx.read.repairs.nulsRemoved).toBe(2);
    const arrow = await readAll(put('SRK nul.arrows', arrowStreamBytes(rows, 1)));
    expect(arrow.records[1]?.values?.topic_text).toBe('кража');
    expect(arrow.read.repairs.nulsRemoved).toBe(2);
    const broken = await refusal(put('SRK raw-nul.xlsx', rawXlsx(rows.map((r) => [r.day, r.time, r.topic]))));
    expect(broken.code).toBe('xlsx_unreadable');
    expect(broken.message).toBe('not a readable .xlsx workbook: sheet "Лист1" is damaged');
  });
});

describe('text lines are bounded', () => {
  it('refuses a CSV whose line runs past a megabyte, and a JSON Lines file of one endless line', async () => {
    const csv = Buffer.concat([csvBytes(visitRows(2)), Buffer.alloc(3 << 20, 'x')]);
    expect((await refusal(put('SRK long.csv', csv))).code).toBe('line_too_long');
    const jsonl = Buffer.concat([Buffer.from('{"arrived_at":"'), Buffer.alloc(3 << 20, 'y')]);
    const error = await refusal(put('SRK long.jsonl', jsonl));
    expect(error.code).toBe('line_too_long');
    expect(error.message).toMatch(/^line 1 is longer than 1048576 characters/);
  });
});
