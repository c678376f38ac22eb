import { describe, expect, it } from 'vitest';
import { CsvSplitter, detectDelimiter, splitPlain, splitRecord, type SplitRow } from '../../../etl/read/split-csv.ts';

function splitInPieces(text: string, size: number, delimiter = ';'): SplitRow[] {
    const splitter = new CsvSplitter(delimiter);
  const rows: SplitRow[] = [];
  for (let at = 0; at < text.length; at += size) splitter.push(text.slice(at, at + size), rows);
  splitter.end(rows);
  return rows;
}

describe('CSV splitting', () => {
  it('keeps quoted delimiters and turns doubled quotes into one', () => {
    expect(splitRecord('a;"b;c";"say ""hi""";', ';')).toEqual(['a', 'b;c', 'say "hi"', '']);
  });

  it('splits a line without quotes exactly as String#split does', () => {
    const lines = ['', ';', ';;', 'a', 'a;', ';a', 'a;;b', '09.01.2019;09:00:00;;;1;справка;МП;;850101000006;нет;', ' a ; b '];
    for (const line of lines) for (const d of [';', '\t', ',']) expect(splitPlain(line.replaceAll(';', d), d)).toEqual(line.replaceAll(';', d).split(d));
  });

  it('detects ; TAB or , from the header line, ignoring delimiters inside quotes', () => {
    expect(detectDelimiter('Дата;Время прихода;"Цель, визита"')).toBe(';');
    expect(detectDelimiter('Дата\tВремя прихода\tЦель')).toBe('\t');
    expect(detectDelimiter('office,arrived_at,"a;b;c"')).toBe(',');
  });

  it('gives the same records whatever the chunk boundaries, with CRLF and newlines inside quotes', () => {
    const text = 'a;b\r\n"x\r\ny";2\r\n\r\nlast;"q""q"\r\n';
    const whole = splitInPieces(text, text.length);
    expect(whole).toEqual([
      { line: 1, text: 'a;b', fields: ['a', 'b'] },
      { line: 2, text: '"x\ny";2', fields: ['x\ny', '2'] },
      { line: 5, text: 'last;"q""q"', fields: ['last', 'q"q'] },
    ]);
    for (const size of [1, 2, 3, 5, 7]) expect(splitInPieces(text, size)).toEqual(whole);
  });

  it('numbers records by the physical line they start on, counting blank lines but not returning them', () => {
    expect(splitInPieces('\n\na;b\n  \nc;d', 4).map((r) => r.line)).toEqual([3, 5]);
  });

  it('treats a quote that never closes as one bad record and reads the lines after it again', () => {
    const rows = splitInPieces('1;"open\n2;ok\n3;ok', 3);
    expect(rows).toEqual([
      { line: 1, text: '1;"open', fields: null },
      { line: 2, text: '2;ok', fields: ['2', 'ok'] },
      { line: 3, text: '3;ok', fields: ['3', 'ok'] },
    ]);
  });

  it('takes a quote in the middle of an unquoted value literally', () => {
    expect(splitInPieces('ООО "Ромашка";2\n3;4', 100).map((r) => r.fields)).toEqual([['ООО "Ромашка"', '2'], ['3', '4']]);
  });
});
