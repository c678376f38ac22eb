import type { RawValue } from '../model.ts';
import { scrubIin } from './scrub-iin.ts';

/** A cell as trimmed text ('' when empty); numbers as JavaScript writes them (12, not 12.0). */
export function cellText(value: RawValue | undefined): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value.trim() : String(value);
}

/** Trimmed free text with IINs scrubbed, or null when empty. */
export function freeTextOrNull(value: RawValue | undefined): string | null {
  const text = cellText(value);
  return text === '' ? null : scrubIin(text);
}

/** Trimmed free text with IINs scrubbed; '' when empty. */
export function freeText(value: RawValue | undefined): string {
  return scrubIin(cellText(value));
}
