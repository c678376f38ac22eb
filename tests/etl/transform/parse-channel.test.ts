import { describe, expect, it } from 'vitest';
import { parseChannel } from '../../../etl/transform/parse-channel.ts';

describe('parseChannel: the way a visitor came', () => {
  it.each([
    ['walk_in', 'walk_in'], ['e_queue', 'e_queue'], ['appointment', 'appointment'], ['duty_unit', 'duty_unit'],
    ['E-queue', 'e_queue'], ['Walk-in', 'walk_in'],
    ['электронная очередь', 'e_queue'], ['Эл. очередь', 'e_queue'], ['Электрондық кезек', 'e_queue'],
    ['по записи', 'appointment'], ['Предварительная запись', 'appointment'], ['Жазылу бойынша', 'appointment'],
    ['живая очередь', 'walk_in'], ['Без записи', 'walk_in'], ['Жазылусыз', 'walk_in'],
    ['доставлен из дежурной части', 'duty_unit'], ['Из дежурной части', 'duty_unit'],
    ['Кезекші бөлімнен', 'duty_unit'], ['кезекші бөлім', 'duty_unit'],
  ])('%s → %s', (text, code) => {
    expect(parseChannel(text)).toBe(code);
  });

  it('answers null for empty or unknown text', () => {
    for (const v of [null, '', 'почтой', true]) expect(parseChannel(v)).toBeNull();
  });
});
