import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readFile } from '../../../etl/read/read-file.ts';
import { collect, fixture } from './collect.ts';

describe('CSV reader (format A)', () => {
  it('reads a UTF-8 file with BOM and ; and maps Russian headers to canonical fields, values as written', async () => {
    const result = await readFile(fixture('equeue-utf8-bom.csv'));
    expect(result.format).toBe('csv');
    const [first] = await collect(result);
    expect(first).toEqual({
      line: 2, sheet: null,
      raw: '14.01.2019;09:05;09:07;09:10;09:25;1;Справка о несудимости;МП;консультация;880101300123;нет;да;Айгерим',
      values: {
        date: '14.01.2019', arrived_at: '09:05', admitted_at: '09:07', started_at: '09:10', finished_at: '09:25', visit_ref: '1',
        topic_text: 'Справка о несудимости', service: 'МП', outcome: 'консультация', iin: '880101300123',
        phone_surrendered: 'нет', checkpoint_questioned: 'да',
      },
    });
  });

  it('lists the columns no field claims in unknownColumns', async () => {
    expect((await readFile(fixture('equeue-utf8-bom.csv'))).unknownColumns).toEqual(['Оператор']);
  });

  it('keeps quoted ; and newlines inside values, and numbers a record by the line it starts on', async () => {
    const records = await collect(await readFile(fixture('equeue-utf8-bom.csv')));
    expect(records.find((r) => r.line === 3)?.values?.topic_text).toBe('Кража телефона; заявление');
    const multi = records.find((r) => r.line === 5);
    expect(multi?.values?.topic_text).toBe('Многострочная\nцель "визита"');
    expect(multi?.values?.service).toBe('АП');
  });

  it('keeps an injection string verbatim', async () => {
    const records = await collect(await readFile(fixture('equeue-utf8-bom.csv')));
    expect(records.find((r) => r.line === 8)?.values?.topic_text).toBe("'); DROP TABLE visits;--");
  });

  it('marks a line with fewer fields, or a non-empty extra field, as malformed; trailing empty extras are fine', async () => {
    const records = await collect(await readFile(fixture('equeue-utf8-bom.csv')));
    expect(records.find((r) => r.line === 7)).toMatchObject({ values: null, malformed: 'expected 13 fields, found 3', raw: '14.01.2019;09:40;09:41' });
    expect(records.find((r) => r.line === 9)).toMatchObject({ values: null, malformed: 'expected 13 fields, found 14' });
    expect(records.find((r) => r.line === 8)?.values).not.toBeNull();
  });

  it('skips blank lines and rows of bare delimiters without counting them; empty values in a full line are fine', async () => {
    const records = await collect(await readFile(fixture('equeue-utf8-bom.csv')));
    expect(records.map((r) => r.line)).toEqual([2, 3, 5, 7, 8, 9, 11]);
    expect(records.at(-1)?.values).toMatchObject({ visit_ref: '7', topic_text: '', iin: '' });
  });

  it('reads Windows-1251 with TAB, a title line above the header and Kazakh headers in look-alike letters', async () => {
    const result = await readFile(fixture('journal-cp1251-tab.csv'));
    expect(result.unknownColumns).toEqual([]);
    const records = await collect(result);
    expect(records.map((r) => r.line)).toEqual([4, 5]);
    expect(records[0]?.values).toEqual({
      office: 'Саркан', date: '15.01.2019', arrived_at: '11:00', admitted_at: '11:20', topic_text: 'Урлык туралы арыз',
      outcome: 'отініш кабылданды', iin: '', phone_surrendered: 'иа', checkpoint_questioned: 'жок',
    });
    expect(records[1]?.values?.topic_text).toBe('Справка\tо несудимости');
  });

  it('reads a comma-delimited LF file with canonical English headers and quoted commas', async () => {
    const records = await collect(await readFile(fixture('tablet-export-comma.csv')));
    expect(records[0]?.values).toMatchObject({ office: 'KRS', topic_text: 'Kaskelen, lost passport', channel: 'walk_in' });
    expect(records[1]?.values).toMatchObject({ iin: '88010130012', specialist_called_at: '09:12', specialist_arrived_at: '09:40' });
  });

  it('counts header fields up to the last named column, so a trailing delimiter is optional', async () => {
    const records = await collect(await readFile(fixture('trailing-delimiter.csv')));
    expect(records.map((r) => r.values?.topic_text ?? r.malformed)).toEqual(['Справка', 'Кража', 'expected 3 fields, found 4']);
  });

  it('reads a file whose lines end with CR alone (old Excel for Mac)', async () => {
    const records = await collect(await readFile(fixture('mac-cr.csv')));
    expect(records.map((r) => [r.line, r.values?.topic_text])).toEqual([[2, 'Справка'], [4, 'Кража\nтелефона'], [6, 'Тема']]);
  });

  it('loads a header-only file as zero records, not a rejection', async () => {
    const result = await readFile(fixture('header-only.csv'));
    expect(result.format).toBe('csv');
    expect(await collect(result)).toEqual([]);
  });

  it('reads Excel "Unicode text" (UTF-16LE with BOM, TAB) whatever its extension', async () => {
    const result = await readFile(fixture('excel-unicode-text.txt'));
    expect(result.format).toBe('csv');
    expect((await collect(result)).map((r) => r.values)).toEqual([
      { office: 'Талғар', date: '16.01.2019', arrived_at: '12:05', topic_text: 'Рұқсат алу' },
    ]);
  });

  it('reads an inspection CSV (UTF-8 without BOM) with Russian headers as format inspection', async () => {
    const result = await readFile(fixture('inspections-ru.csv'));
    expect(result.format).toBe('inspection');
    const [record] = await collect(result);
    expect(record?.values).toEqual({
      office: 'Сарканский РОП', inspected_at: '20.01.2019 10:00', inspector: 'Ахметов Б.', bars_on_windows: 'да',
      bars_on_doors: 'нет', inside_secured_perimeter: 'нет', phones_collected_at_entrance: 'да', guard_questions_visitors: 'нет',
      signage_present: 'да', notes: 'Решётки сняты не везде; повторить',
    });
  });

  it('tells Windows-1251 from UTF-8 even when the first megabyte is plain ASCII', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vitrina-read-'));
    const file = path.join(dir, 'late-cyrillic.csv');
    const filler = Array.from({ length: 40_000 }, (_, i) => `KRS;2019-01-14 09:00;ticket ${i}`).join('\r\n');
    writeFileSync(file, iconv.encode(`office;arrived_at;topic_text\r\n${filler}\r\nKRS;2019-01-14 10:00;Кража\r\n`, 'win1251'));
    const records = await collect(await readFile(file));
    expect(records).toHaveLength(40_001);
    expect(records.at(-1)).toMatchObject({ line: 40_002, values: { topic_text: 'Кража' } });
  });
});
