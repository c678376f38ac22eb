import type { Rng } from './prng.ts';

/**
 * Kazakhstan IINs (ЖСН): YYMMDD, a century/sex digit (3/4 born 1900–1999, 5/6 born 2000–2099),
 * four serial digits and a check digit. The check digit is the weighted sum mod 11 with weights
 * 1..11; when that gives 10 the weights 3..11,1,2 are used, and when that gives 10 too the number
 * is never issued.
 */
const WEIGHTS_1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const WEIGHTS_2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

/** The check digit for the first 11 digits, or null when no valid IIN has them. */
export function iinCheckDigit(first11: string): number | null {
  const sum = (weights: number[]): number =>
    weights.reduce((acc, w, i) => acc + w * (first11.charCodeAt(i) - 48), 0) % 11;
  const first = sum(WEIGHTS_1);
  if (first !== 10) return first;
  const second = sum(WEIGHTS_2);
  return second === 10 ? null : second;
}

export function isValidIin(iin: string): boolean {
  if (!/^\d{12}$/.test(iin)) return false;
  return iinCheckDigit(iin.slice(0, 11)) === Number(iin[11]);
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** A valid IIN of an adult visitor (born 1950–2007). */
export function randomValidIin(rng: Rng): string {
  for (;;) {
    const year = rng.int(1950, 2007);
    const month = rng.int(1, 12);
    const day = rng.int(1, 28);
    const female = rng.chance(0.5);
    const centuryDigit = (year < 2000 ? 3 : 5) + (female ? 1 : 0);
    const serial = String(rng.int(0, 9999)).padStart(4, '0');
    const first11 = `${pad2(year % 100)}${pad2(month)}${pad2(day)}${centuryDigit}${serial}`;
    const check = iinCheckDigit(first11);
    if (check !== null) return `${first11}${check}`;
  }
}

/** An IIN as people mistype it: a wrong check digit, a digit short, or a digit too many. */
export function randomInvalidIin(rng: Rng): string {
  const valid = randomValidIin(rng);
  const kind = rng.int(0, 2);
  if (kind === 0) return `${valid.slice(0, 11)}${(Number(valid[11]) + rng.int(1, 9)) % 10}`;
  if (kind === 1) return valid.slice(0, 10);
  return `${valid}${rng.int(0, 9)}`;
}
