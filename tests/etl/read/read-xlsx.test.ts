import { describe, expect, it } from 'vitest';
import { readFile } from '../../../etl/read/read-file.ts';
import { collect, fixture } from './collect.ts';

describe('XLSX journal reader (format B)', () => {
  it('finds the header below title rows and reads every sheet that has one, naming the sheet and row', async () => {
    const result = await readFile(fixture('journal.xlsx'));
    expect(result.format).toBe('xlsx');
    const records = await collect(result);
    expect(records.map((r) => [r.sheet, r.line])).toEqual([['Қаңтар 2019', 4], ['Қаңтар 2019', 6], ['Ақпан 2019', 2], ['Март 2019', 3]]);
  });

  it('turns date cells into wall-clock text and time cells into HH:MM:SS; rich text becomes its text', async () => {
    const [first] = await collect(await readFile(fixture('journal.xlsx')));
    expect(first?.values).toEqual({
      visit_ref: 1, date: '2019-01-14 00:00:00', arrived_at: '09:05:00', admitted_at: '09:07:00', finished_at: '09:30:00',
      topic_text: 'Анықтама алу', outcome: 'Кеңес берілді', iin: '880101300123',
    });
  });

  it('keeps numbers as numbers (an Excel serial, an IIN that lost its zero) and takes a formula by its result', async () => {
    const records = await collect(await readFile(fixture('journal.xlsx')));
    expect(records[1]?.values).toEqual({
      visit_ref: 2, date: 43480, arrived_at: '10:15', admitted_at: null, finished_at: null, topic_text: 'Ұрлық туралы',
      outcome: 'өтініш қабылданды', iin: 88010130012,
    });
  });

  it('reads a date-time cell of a second sheet with Russian headers', async () => {
    const records = await collect(await readFile(fixture('journal.xlsx')));
    expect(records[2]?.values).toEqual({
      visit_ref: 'Б-12', arrived_at: '2019-02-01 08:30:00', admitted_at: '2019-02-01 08:41:15', topic_text: 'Регистрация иностранца',
      outcome: 'консультация',
    });
  });

  it('reads a header typed over two rows, "Время" merged above "прихода" and "приёма"', async () => {
    const records = await collect(await readFile(fixture('journal.xlsx')));
    expect(records.find((r) => r.sheet === 'Март 2019')?.values).toEqual({
      visit_ref: 'В-1', date: '01.03.2019', arrived_at: '09:00', admitted_at: '09:04', topic_text: 'Справка',
    });
  });

  it('lists unknown columns across sheets and skips a sheet without a header', async () => {
    const result = await readFile(fixture('journal.xlsx'));
    expect(result.unknownColumns).toEqual(['Тіркеуші']);
    expect((await collect(result)).some((r) => r.sheet === 'Итого')).toBe(false);
  });
});

describe('XLSX reader under a slow consumer', () => {
  // exceljs's own unzipping dropped the parts still queued when the file had been read (a workbook
  // "damaged" about one time in ten here, or a sheet silently missing); 40 reads, some at once, each
  // with a pause per record, must all give the same records.
  it('reads every sheet of the workbook every time', async () => {
    const expected = (await collect(await readFile(fixture('journal.xlsx')))).map((r) => `${r.sheet}:${r.line}`);
    expect(expected).toHaveLength(4);
    const slowRead = async () => {
      const lines: string[] = [];
      for await (const r of (await readFile(fixture('journal.xlsx'))).records) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        lines.push(`${r.sheet}:${r.line}`);
      }
      return lines;
    };
    for (let round = 0; round < 10; round++) {
      for (const lines of await Promise.all([slowRead(), slowRead(), slowRead(), slowRead()])) expect(lines).toEqual(expected);
    }
  });
});
