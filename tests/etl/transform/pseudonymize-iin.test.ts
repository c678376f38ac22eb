import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MissingIinKeyError, createIinPseudonymizer, isValidIin, pseudonymizeIin } from '../../../etl/transform/pseudonymize-iin.ts';

const KEY = 'test-key-0123456789abcdef';
const hmac = (digits: string) => createHmac('sha256', KEY).update(digits).digest('hex');

describe('pseudonymizeIin: a keyed hash of a valid IIN, never the IIN', () => {
  it('hashes a valid 12-digit IIN as HMAC-SHA256 lower-case hex under the key', () => {
    const r = pseudonymizeIin('900101300126', KEY);
    expect(r).toEqual({ status: 'valid', hash: hmac('900101300126') });
    expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('strips spaces and dashes before hashing', () => {
    expect(pseudonymizeIin(' 900101 300126 ', KEY).hash).toBe(hmac('900101300126'));
    expect(pseudonymizeIin('900101-300-126', KEY).hash).toBe(hmac('900101300126'));
  });

  it('restores the leading zero a spreadsheet drops (11 digits, as text or a number)', () => {
    expect(pseudonymizeIin('50315500123', KEY)).toEqual({ status: 'valid', hash: hmac('050315500123') });
    expect(pseudonymizeIin(50315500123, KEY)).toEqual({ status: 'valid', hash: hmac('050315500123') });
    expect(pseudonymizeIin(900101300126, KEY)).toEqual({ status: 'valid', hash: hmac('900101300126') });
  });

  it('uses the second weight set when the first gives remainder 10', () => {
    expect(isValidIin('900101300847')).toBe(true);
    expect(isValidIin('900101300846')).toBe(false);
  });

  it('rejects a number whose both weight sets give remainder 10, whatever its last digit', () => {
    for (let d = 0; d <= 9; d++) expect(isValidIin(`90010135988${d}`)).toBe(false);
  });

  it('marks a wrong checksum, a wrong length or letters invalid, and does not hash them', () => {
    for (const bad of ['900101300127', '9001013001', '9001013001260', 'ИИН 900101300126', 'abc', true, 1.5]) {
      expect(pseudonymizeIin(bad, KEY), String(bad)).toEqual({ status: 'invalid', hash: null });
    }
  });

  it('marks an empty cell absent', () => {
    expect(pseudonymizeIin(null, KEY)).toEqual({ status: 'absent', hash: null });
    expect(pseudonymizeIin(undefined, KEY)).toEqual({ status: 'absent', hash: null });
    expect(pseudonymizeIin('  ', KEY)).toEqual({ status: 'absent', hash: null });
  });

  it('throws MissingIinKeyError for a valid IIN without a key, but not for invalid or absent ones', () => {
    expect(() => pseudonymizeIin('900101300126', null)).toThrow(MissingIinKeyError);
    expect(() => pseudonymizeIin('900101300126', null)).toThrow(/VITRINA_IIN_KEY/);
    expect(pseudonymizeIin('123', null).status).toBe('invalid');
    expect(pseudonymizeIin('', null).status).toBe('absent');
  });

  it('never puts the IIN into the error message', () => {
    try {
      pseudonymizeIin('900101300126', null);
    } catch (e) {
      expect(String(e)).not.toContain('900101300126');
    }
    expect.assertions(1);
  });
});

describe('createIinPseudonymizer: the same hashes for a run of rows', () => {
  it('gives pseudonymizeIin\'s hash for every IIN, a key with non-ASCII letters included, the same IIN again too', () => {
    for (const key of [KEY, 'ключ-Қазақстан-2026']) {
      const run = createIinPseudonymizer(key);
      for (const iin of ['900101300126', '900101300126', '0901013 00126', 900101300126, '123', '']) {
        expect(run(iin), `${key} ${iin}`).toEqual(pseudonymizeIin(iin, key));
      }
    }
    expect(createIinPseudonymizer(KEY)('900101300126').hash).toBe(hmac('900101300126'));
    expect(() => createIinPseudonymizer(null)('900101300126')).toThrow(MissingIinKeyError);
  });
});
