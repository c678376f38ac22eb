import type { ReadRepairs } from '../model.ts';

/** PostgreSQL text holds no NUL byte, and a log has no use for one: it is taken out and counted. */
export function stripNuls(text: string, repairs: ReadRepairs): string {
  if (text.indexOf('\0') === -1) return text;
  let removed = 0;
  const clean = text.replace(/\0/g, () => {
    removed++;
    return '';
  });
  repairs.nulsRemoved += removed;
  return clean;
}
