import { createHmac } from 'node:crypto';
import { createHmacSha256Hex } from './hmac-sha256.ts';
import type { IinStatus } from '../../domain/visit-codes.ts';
import type { RawValue } from '../model.ts';

export type PseudonymizedIin = { status: 'valid'; hash: string } | { status: Exclude<IinStatus, 'valid'>; hash: null };

/** A valid IIN arrived but no key was configured: the run must stop rather than drop or store it. */
export class MissingIinKeyError extends Error {
  constructor() {
    super('A visit carries an IIN but VITRINA_IIN_KEY is not set: set it to ingest IINs (they are stored only as keyed hashes)');
    this.name = 'MissingIinKeyError';
  }
}

const WEIGHTS_1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const WEIGHTS_2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

function checkDigit(digits: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < 11; i++) sum += (digits.charCodeAt(i) - 48) * weights[i]!;
  return sum % 11;
}

function allDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * True when 12 digits pass the Kazakhstan IIN checksum: weights 1..11 mod 11; a remainder of 10
 * means a second pass with weights 3..11,1,2, and 10 again means the number is invalid.
 */
export function isValidIin(digits: string): boolean {
  if (digits.length !== 12 || !allDigits(digits)) return false;
  let check = checkDigit(digits, WEIGHTS_1);
  if (check === 10) check = checkDigit(digits, WEIGHTS_2);
  return check !== 10 && check === digits.charCodeAt(11) - 48;
}

/** The 12 digits an IIN cell means (spaces and dashes removed, a dropped leading zero restored), or null. */
export function iinDigits(value: RawValue | undefined): string | null | 'invalid' {
  if (value === null || value === undefined) return null;
  let text: string;
  if (typeof value === 'number') {
    // A spreadsheet keeps the IIN as a number and drops its leading zero.
    if (!Number.isSafeInteger(value) || value < 0) return 'invalid';
    text = String(value);
  } else if (typeof value === 'string') {
    // Most cells are the 12 digits as they are: taken without a regex.
    if (value.length === 12 && allDigits(value)) return value;
    text = value.replace(/[\s-]/g, '');
  } else {
    return 'invalid';
  }
  if (text === '') return null;
  if (/^\d{11}$/.test(text)) text = `0${text}`;
  return /^\d{12}$/.test(text) ? text : 'invalid';
}

function hashDigits(digits: string, key: string): string {
  return createHmac('sha256', key).update(digits).digest('hex');
}

/**
 * Keyed pseudonym of a visitor's IIN (data contract §2): HMAC-SHA256 in lower-case hex over the 12
 * digits. An IIN that is not 12 digits or fails the checksum is `invalid` and not hashed; an empty
 * cell is `absent`. Throws MissingIinKeyError for a valid IIN when key is null.
 */
export function pseudonymizeIin(value: RawValue | undefined, key: string | null): PseudonymizedIin {
  const digits = iinDigits(value);
  if (digits === null) return { status: 'absent', hash: null };
  if (digits === 'invalid' || !isValidIin(digits)) return { status: 'invalid', hash: null };
  if (key === null) throw new MissingIinKeyError();
  return { status: 'valid', hash: hashDigits(digits, key) };
}

/**
 * pseudonymizeIin bound to one key, for a run of rows. The HMAC is the key-prepared one of
 * hmac-sha256.ts (~1 µs a row against node:crypto's 2–4 µs), which a test holds to
 * pseudonymizeIin's digests. Recent IINs are not remembered: a memory of them saved a microsecond
 * on the rare visitor who came back, and kept every IIN and hash of the last thousands of rows alive
 * long enough to burden the collector on every row.
 */
export function createIinPseudonymizer(key: string | null): (value: RawValue | undefined) => PseudonymizedIin {
  const hmac = key === null ? null : createHmacSha256Hex(key);
  return (value) => {
    const digits = iinDigits(value);
    if (digits === null) return ABSENT;
    if (digits === 'invalid' || !isValidIin(digits)) return INVALID;
    if (hmac === null) throw new MissingIinKeyError();
    return { status: 'valid', hash: hmac(digits) };
  };
}

const ABSENT: PseudonymizedIin = Object.freeze({ status: 'absent', hash: null });
const INVALID: PseudonymizedIin = Object.freeze({ status: 'invalid', hash: null });
