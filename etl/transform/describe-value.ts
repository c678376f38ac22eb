import type { RawValue } from '../model.ts';
import { scrubIin } from './scrub-iin.ts';

const MAX_SHOWN = 60;

/** A found value for a quarantine detail: quoted, shortened, IINs scrubbed (details are stored). */
export function describeValue(value: RawValue | undefined): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value !== 'string') return scrubIin(String(value));
  // Scrub before shortening, or a cut could leave most of an IIN behind.
  const text = scrubIin(value);
  return `"${text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text}"`;
}
