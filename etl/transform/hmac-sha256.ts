import { createHash } from 'node:crypto';

/**
 * HMAC-SHA256 (RFC 2104, FIPS 180-4) of short messages under one fixed key, in lower-case hex.
 *
 * Why not node:crypto's createHmac: every call builds an OpenSSL context behind a JS object, ~3–4 µs
 * of a million-row load's ~15 µs a row, and it hashes the key's two pads again each time. Here the
 * pads are compressed once, so an IIN (12 bytes, one block) costs exactly two compressions in plain
 * integer arithmetic, with no allocation but the hex string. tests/etl/hmac-sha256.test.ts holds it
 * equal to node:crypto for random keys (long, non-ASCII) and messages of every length it accepts.
 */

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const IV = new Int32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
/**
 * Each byte's two hex digits as one 16-bit store, in the platform's byte order (a Uint16Array
 * writes in it): half the stores and a quarter of the shifts of a digit at a time.
 */
const BYTE_HEX = (() => {
  const digits = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
  const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  return Uint16Array.from({ length: 256 }, (_, b) => {
    const [first, second] = [digits[b >> 4]!, digits[b & 0xf]!];
    return littleEndian ? first | (second << 8) : (first << 8) | second;
  });
})();
/** The longest message that fits one block after the key's pad: 64 bytes less the 0x80 and the 8-byte length. */
export const HMAC_MAX_MESSAGE = 55;

/** One SHA-256 compression of the 16 words at w[0..15] into state (w is used as the schedule). */
function compress(state: Int32Array, w: Int32Array): void {
  for (let t = 16; t < 64; t++) {
    const a = w[t - 15]!;
    const b = w[t - 2]!;
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
    w[t] = (w[t - 16]! + s0 + w[t - 7]! + s1) | 0;
  }
  let a = state[0]!, b = state[1]!, c = state[2]!, d = state[3]!, e = state[4]!, f = state[5]!, g = state[6]!, h = state[7]!;
  for (let t = 0; t < 64; t++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + s1 + ((e & f) ^ (~e & g)) + K[t]! + w[t]!) | 0;
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
  }
  state[0] = (state[0]! + a) | 0; state[1] = (state[1]! + b) | 0; state[2] = (state[2]! + c) | 0; state[3] = (state[3]! + d) | 0;
  state[4] = (state[4]! + e) | 0; state[5] = (state[5]! + f) | 0; state[6] = (state[6]! + g) | 0; state[7] = (state[7]! + h) | 0;
}

/** The state after one block of the key xor'ed with a pad byte. */
function padState(key: Uint8Array, pad: number, w: Int32Array): Int32Array {
  for (let i = 0; i < 16; i++) {
    let word = 0;
    for (let j = 0; j < 4; j++) word = (word << 8) | (((key[i * 4 + j] ?? 0) ^ pad) & 0xff);
    w[i] = word;
  }
  const state = Int32Array.from(IV);
  compress(state, w);
  return state;
}

/**
 * An HMAC-SHA256 over `key` (UTF-8, as node:crypto takes a string key) for messages of Latin-1
 * characters up to HMAC_MAX_MESSAGE long, returned as 64 lower-case hex digits.
 */
export function createHmacSha256Hex(key: string): (message: string) => string {
  let keyBytes: Uint8Array = Buffer.from(key, 'utf8');
  if (keyBytes.length > 64) keyBytes = createHash('sha256').update(keyBytes).digest();
  const w = new Int32Array(64);
  const inner = padState(keyBytes, 0x36, w);
  const outer = padState(keyBytes, 0x5c, w);
  const state = new Int32Array(8);
  const hex = Buffer.alloc(64);
  const hexPairs = new Uint16Array(hex.buffer, hex.byteOffset, 32);

  return (message) => {
    const n = message.length;
    if (n > HMAC_MAX_MESSAGE) throw new RangeError(`hmac: a message of at most ${HMAC_MAX_MESSAGE} characters, got ${n}`);
    // Inner hash: the pad's state, then one block holding the message, 0x80 and the bit length.
    w.fill(0, 0, 16);
    for (let i = 0; i < n; i++) {
      const code = message.charCodeAt(i);
      if (code > 0xff) throw new RangeError('hmac: a Latin-1 message');
      w[i >> 2]! |= code << (24 - 8 * (i & 3));
    }
    w[n >> 2]! |= 0x80 << (24 - 8 * (n & 3));
    w[15] = (64 + n) * 8;
    state.set(inner);
    compress(state, w);
    // Outer hash: the other pad's state, then the 32-byte inner digest in one block.
    for (let i = 0; i < 8; i++) w[i] = state[i]!;
    w[8] = 0x80000000;
    w.fill(0, 9, 15);
    w[15] = (64 + 32) * 8;
    state.set(outer);
    compress(state, w);
    // The digits go into bytes, read back as one flat string: built by concatenation, the hex was a
    // tree of 32 pieces that every later reader (the COPY writer, the identity) flattened again.
    for (let i = 0; i < 8; i++) {
      const x = state[i]!;
      hexPairs[i * 4] = BYTE_HEX[x >>> 24]!;
      hexPairs[i * 4 + 1] = BYTE_HEX[(x >>> 16) & 0xff]!;
      hexPairs[i * 4 + 2] = BYTE_HEX[(x >>> 8) & 0xff]!;
      hexPairs[i * 4 + 3] = BYTE_HEX[x & 0xff]!;
    }
    return hex.toString('latin1');
  };
}
