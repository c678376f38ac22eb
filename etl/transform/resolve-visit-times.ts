import type { RawRecord } from '../model.ts';
import { instantToWall, wallToInstant } from '../../domain/calendar.ts';
import { describeValue } from './describe-value.ts';
import { parseTimeValue, type TimeValue } from './parse-time-value.ts';

const DAY = 86_400_000;
const HALF_DAY = DAY / 2;

/** Instants (epoch ms) of a visit's times; arrivedWall is arrived_at on the Almaty wall clock. */
export interface VisitTimes {
  arrived: number;
  arrivedWall: number;
  admitted: number | null;
  started: number | null;
  finished: number | null;
  specialistCalled: number | null;
  specialistArrived: number | null;
}

export type VisitTimesResult = { ok: true; times: VisitTimes } | { ok: false; detail: string };

type TimeField = 'arrived_at' | 'admitted_at' | 'started_at' | 'finished_at' | 'specialist_called_at'
  | 'specialist_arrived_at';

const EXPECTED = 'a date and time (DD.MM.YYYY HH:MM, YYYY-MM-DD HH:MM:SS, ISO 8601, an Excel serial) '
  + 'or a time with a date column';

/**
 * Turns one row's time cells into instants (data contract §2). A time without a date takes the row's
 * `date` column, else the day of arrival; such a time that is more than 12 hours earlier than the
 * nearest earlier non-empty time (arrived, admitted, started, finished) is on the next day, as in a
 * round-the-clock office where arrived 23:50 and admitted 00:05 cross midnight.
 */
export function resolveVisitTimes(values: NonNullable<RawRecord['values']>): VisitTimesResult {
  const date = parseTimeValue(values.date);
  let baseDay: number | null = null;
  if (date.kind === 'date' || date.kind === 'wall') baseDay = dayOf(date.ms);
  else if (date.kind === 'instant') baseDay = dayOf(instantToWall(date.ms));
  else if (date.kind !== 'empty') {
    return { ok: false, detail: `date: expected a date (DD.MM.YYYY, YYYY-MM-DD), found ${describeValue(values.date)}` };
  }

  const arrivedValue = parseTimeValue(values.arrived_at);
  if (arrivedValue.kind === 'empty') {
    return { ok: false, detail: `arrived_at: expected ${EXPECTED}, found nothing` };
  }
  const arrived = place(arrivedValue, baseDay, null);
  if (arrived === null) return failure('arrived_at', values);
  const day = baseDay ?? dayOf(arrived.wall);

  // Each later time is read against the nearest earlier non-empty one, in the contract's order.
  let previous = arrived.wall;
  const steps: (number | null)[] = [];
  for (const field of ['admitted_at', 'started_at', 'finished_at'] as const) {
    const parsed = parseTimeValue(values[field]);
    if (parsed.kind === 'empty') {
      steps.push(null);
      continue;
    }
    const placed = place(parsed, day, previous);
    if (placed === null) return failure(field, values);
    steps.push(placed.instant);
    previous = placed.wall;
  }
  const calledValue = parseTimeValue(values.specialist_called_at);
  const called = calledValue.kind === 'empty' ? null : place(calledValue, day, arrived.wall);
  if (calledValue.kind !== 'empty' && called === null) return failure('specialist_called_at', values);
  const cameValue = parseTimeValue(values.specialist_arrived_at);
  const came = cameValue.kind === 'empty' ? null : place(cameValue, day, called?.wall ?? arrived.wall);
  if (cameValue.kind !== 'empty' && came === null) return failure('specialist_arrived_at', values);

  return {
    ok: true,
    times: {
      arrived: arrived.instant,
      arrivedWall: arrived.wall,
      admitted: steps[0] ?? null,
      started: steps[1] ?? null,
      finished: steps[2] ?? null,
      specialistCalled: called?.instant ?? null,
      specialistArrived: came?.instant ?? null,
    },
  };
}

function dayOf(wallMs: number): number {
  return wallMs - (((wallMs % DAY) + DAY) % DAY);
}

interface Placed {
  wall: number;
  instant: number;
}

/**
 * A value on the wall clock and as an instant, or null when it cannot be placed (unparsable, or a
 * lone date). An instant that carried its own offset stays exact.
 */
function place(value: TimeValue, baseDay: number | null, previous: number | null): Placed | null {
  switch (value.kind) {
    case 'wall': return { wall: value.ms, instant: wallToInstant(value.ms) };
    case 'instant': return { wall: instantToWall(value.ms), instant: value.ms };
    case 'time': {
      if (baseDay === null) return null;
      let wall = baseDay + value.ms;
      if (previous !== null && wall < previous - HALF_DAY) wall += DAY;
      return { wall, instant: wallToInstant(wall) };
    }
    default: return null;
  }
}

function failure(field: TimeField, values: NonNullable<RawRecord['values']>): VisitTimesResult {
  const found = describeValue(values[field]);
  const hint = values.date === undefined || values.date === null ? '' : ` (date ${describeValue(values.date)})`;
  return { ok: false, detail: `${field}: expected ${EXPECTED}, found ${found}${hint}` };
}
