import { describe, expect, it } from 'vitest';
import { scrubIin } from '../../../etl/transform/scrub-iin.ts';

describe('scrubIin: every run of 12 digits becomes [IIN]', () => {
  it('replaces a 12-digit run wherever it stands', () => {
    expect(scrubIin('Заявление от 900101300126 о краже')).toBe('Заявление от [IIN] о краже');
    expect(scrubIin('ИИН900101300126,тел. 87011234567')).toBe('ИИН[IIN],тел. 87011234567');
    expect(scrubIin('900101300126 и 050315500123')).toBe('[IIN] и [IIN]');
  });

  it('leaves shorter numbers (phones, tickets, dates) alone', () => {
    expect(scrubIin('тел 87011234567, талон 15, 14.01.2019')).toBe('тел 87011234567, талон 15, 14.01.2019');
    expect(scrubIin('')).toBe('');
  });

  it('hides the digits of a longer run too', () => {
    expect(scrubIin('9001013001261')).not.toMatch(/\d{12}/);
  });
});
