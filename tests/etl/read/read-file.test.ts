import { describe, expect, it } from 'vitest';
import { RejectedFileError } from '../../../etl/model.ts';
import { readFile } from '../../../etl/read/read-file.ts';
import { collect, fixture } from './collect.ts';

async function rejection(name: string): Promise<string> {
  const error: unknown = await readFile(fixture(name)).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(RejectedFileError);
  return (error as Error).message;
}

describe('readFile picks the reader by content and rejects what it cannot read', () => {
  it('picks by content, not by extension: an Arrow stream named .arrows, a workbook, JSON Lines', async () => {
    expect((await readFile(fixture('tablet-stream.arrows'))).format).toBe('arrow');
    expect((await readFile(fixture('journal.xlsx'))).format).toBe('xlsx');
    expect((await readFile(fixture('tablet.jsonl'))).format).toBe('jsonl');
  });

  it('rejects an empty file', async () => {
    expect(await rejection('empty.csv')).toBe('empty file (0 bytes)');
  });

  it('rejects binary junk, a PDF, a zip that is not a workbook and a broken Arrow file', async () => {
    expect(await rejection('binary.bin')).toMatch(/^binary data/);
    expect(await rejection('fake.pdf')).toMatch(/^a PDF document/);
    expect(await rejection('not-xlsx.zip')).toMatch(/^a zip archive that is not an \.xlsx workbook/);
    expect(await rejection('truncated.xlsx')).toMatch(/^a damaged or truncated zip archive/);
    expect(await rejection('broken.arrow')).toMatch(/^not a readable Arrow IPC file/);
  });

  it('rejects a JSON array, a pretty-printed JSON object and a file of blank lines', async () => {
    expect(await rejection('array.json')).toMatch(/JSON Lines expected/);
    expect(await rejection('pretty.json')).toMatch(/JSON Lines expected/);
    expect(await rejection('blank-lines-only.csv')).toMatch(/^no header row/);
  });

  it('rejects a file without an arrival-time column, naming the columns found and those expected', async () => {
    const message = await rejection('no-arrival.csv');
    expect(message).toContain('"Дата", "Талон", "Цель визита", "Комментарий"');
    expect(message).toContain('"Время прихода"');
    expect(message).toContain('inspected_at');
  });
});

describe('readFile holds no file open between opening and reading', () => {
  it('gives the same records each time records is iterated', async () => {
    for (const name of ['equeue-utf8-bom.csv', 'tablet.jsonl', 'tablet-file.arrow', 'journal.xlsx']) {
      const result = await readFile(fixture(name));
      expect(await collect(result), name).toEqual(await collect(result));
    }
  });
});
