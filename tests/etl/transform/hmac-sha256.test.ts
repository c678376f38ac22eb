import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../etl/demo/prng.ts';
import { HMAC_MAX_MESSAGE, createHmacSha256Hex } from '../../../etl/transform/hmac-sha256.ts';

const reference = (key: string, message: string) => createHmac('sha256', key).update(Buffer.from(message, 'latin1')).digest('hex');

describe('createHmacSha256Hex: the same digest as node:crypto', () => {
  it('for random keys (empty, one block, longer than a block, non-ASCII) and messages of every accepted length', () => {
    const rng = createRng(16).next;
    const keys = ['', 'k', 'bench-iin-key-0123456789abcdef', 'x'.repeat(64), 'y'.repeat(65), 'ключ-Қазақстан-2026', '🔑'.repeat(40)];
    for (let i = 0; i < 20; i++) {
      keys.push(Array.from({ length: Math.floor(rng() * 150) }, () => String.fromCharCode(32 + Math.floor(rng() * 0x500))).join(''));
    }
    let compared = 0;
    for (const key of keys) {
      const hmac = createHmacSha256Hex(key);
      for (let length = 0; length <= HMAC_MAX_MESSAGE; length++) {
        const message = Array.from({ length }, () => String.fromCharCode(Math.floor(rng() * 256))).join('');
        expect(hmac(message), `key ${JSON.stringify(key)} message of ${length}`).toBe(reference(key, message));
        compared++;
      }
    }
    expect(compared).toBe(keys.length * (HMAC_MAX_MESSAGE + 1));
  });

  it('for 20,000 random 12-digit IINs in a row (the state is reused between calls)', () => {
    const rng = createRng(7).next;
    const hmac = createHmacSha256Hex('test-key-0123456789abcdef');
    for (let i = 0; i < 20_000; i++) {
      const iin = String(Math.floor(rng() * 1e12)).padStart(12, '0');
      expect(hmac(iin)).toBe(reference('test-key-0123456789abcdef', iin));
    }
  });

  it('refuses what one block cannot hold rather than hashing it wrongly', () => {
    const hmac = createHmacSha256Hex('k');
    expect(() => hmac('1'.repeat(HMAC_MAX_MESSAGE + 1))).toThrow(RangeError);
    expect(() => hmac('ключ')).toThrow(RangeError);
  });
});
