import { describe, expect, it } from 'vitest';
import { parseFlag } from '../../../etl/transform/parse-flag.ts';

describe('parseFlag: yes/no as journals write it', () => {
  it.each(['да', 'Да', 'ДА', 'иә', 'Иә', 'иа', 'ия', '1', '+', 'true', 'TRUE', 'yes', 'Yes', 'д', 'Д', ' да '])('%s is true', (v) => {
    expect(parseFlag(v)).toBe(true);
  });

  it.each(['нет', 'Нет', 'жоқ', 'ЖОҚ', 'жок', '0', '-', 'false', 'False', 'no', 'NO', 'н', 'Н'])('%s is false', (v) => {
    expect(parseFlag(v)).toBe(false);
  });

  it('takes booleans and 0/1 numbers from JSON and spreadsheets', () => {
    expect(parseFlag(true)).toBe(true);
    expect(parseFlag(false)).toBe(false);
    expect(parseFlag(1)).toBe(true);
    expect(parseFlag(0)).toBe(false);
    expect(parseFlag(2)).toBeNull();
  });

  it('answers null, never false, for empty or unknown text (not recorded is not compliant)', () => {
    for (const v of [null, undefined, '', '  ', 'может быть', '?', 'н/д']) expect(parseFlag(v), String(v)).toBeNull();
  });
});
