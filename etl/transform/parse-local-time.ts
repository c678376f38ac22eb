import type { RawValue } from '../model.ts';
import { wallToInstant } from '../../domain/calendar.ts';
import { parseTimeValue, type TimeValue } from './parse-time-value.ts';

export { parseTimeValue, type TimeValue } from './parse-time-value.ts';

/**
 * The instant of a parsed value: wall-clock read as Asia/Almaty, a date alone as its Almaty midnight,
 * an instant as given. Null for empty, unparsable and time-only values (they need a date).
 */
export function toInstant(value: TimeValue): number | null {
  switch (value.kind) {
    case 'instant': return value.ms;
    case 'wall':
    case 'date': return wallToInstant(value.ms);
    default: return null;
  }
}

/**
 * Reads one cell that holds a whole date-time (DD.MM.YYYY HH:MM, YYYY-MM-DD HH:MM:SS, ISO 8601 with
 * or without offset, an Excel serial) as an instant. Wall-clock is Asia/Almaty through the IANA zone:
 * 10:00 on 2024-02-28 is 04:00Z, on 2024-03-02 05:00Z, and 23:30 on 2024-02-29, which happened twice,
 * is the earlier 17:30Z.
 */
export function parseLocalTime(value: RawValue | undefined): Date | null {
  const ms = toInstant(parseTimeValue(value));
  return ms === null ? null : new Date(ms);
}
