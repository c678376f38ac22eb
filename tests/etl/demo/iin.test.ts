import { describe, expect, it } from 'vitest';
import { iinCheckDigit, isValidIin, randomInvalidIin, randomValidIin } from '../../../etl/demo/iin.ts';
import { createRng } from '../../../etl/demo/prng.ts';

describe('Kazakhstan IIN checksum', () => {
  it('takes the weighted sum with weights 1..11 mod 11 as the check digit', () => {
    // 9·1 + 1·4 + 1·6 + 3·7 + 1·10 + 2·11 = 72; 72 mod 11 = 6
    expect(iinCheckDigit('90010130012')).toBe(6);
    expect(isValidIin('900101300126')).toBe(true);
    expect(isValidIin('900101300125')).toBe(false);
  });

  it('falls back to weights 3..11,1,2 when the first sum gives 10', () => {
    // first: 8+10+4+6+21+60 = 109 ≡ 10; second: 24+20+6+8+27+6 = 91 ≡ 3
    expect(iinCheckDigit('85010130060')).toBe(3);
    expect(isValidIin('850101300603')).toBe(true);
  });

  it('generates valid IINs of adults and invalid ones that fail the check', () => {
    const rng = createRng(7);
    for (let i = 0; i < 2000; i++) {
      const valid = randomValidIin(rng);
      expect(isValidIin(valid), valid.slice(0, 6)).toBe(true);
      expect(['3', '4', '5', '6']).toContain(valid[6]);
      expect(isValidIin(randomInvalidIin(rng))).toBe(false);
    }
  });
});
