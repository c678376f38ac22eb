import { DataType, type Vector } from 'apache-arrow';
import type { RawValue } from '../model.ts';

type ReadCell = (vector: Vector, row: number) => RawValue;

function fromBigInt(value: bigint): number | string {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
}

/** Whatever arrow hands back, as a RawValue: bigints become numbers when exact, else their digits. */
export function plainValue(value: unknown): RawValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return fromBigInt(value);
  if (value instanceof Date) return value.toISOString();
  try {
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? fromBigInt(v) : v));
  } catch {
    return String(value);
  }
}

function isoOf(ms: number): string {
  return new Date(Math.floor(ms)).toISOString();
}

/** Wall-clock text 'YYYY-MM-DD HH:MM:SS' (milliseconds added only when there are any). */
export function wallClockText(ms: number): string {
  const iso = isoOf(ms);
  const fraction = iso.slice(19, 23);
  return iso.slice(0, 10) + ' ' + iso.slice(11, 19) + (fraction === '.000' ? '' : fraction);
}

/** An instant as ISO 8601 in UTC: 'YYYY-MM-DDTHH:MM:SS(.sss)Z'. */
export function instantText(ms: number): string {
  return isoOf(ms).replace('.000Z', 'Z');
}

const TIME_UNIT_PER_SECOND = [1, 1e3, 1e6, 1e9] as const;

function timeOfDayText(value: number | bigint, unit: number): string {
  const perSecond = TIME_UNIT_PER_SECOND[unit] ?? 1;
  const seconds = typeof value === 'bigint' ? Number(value / BigInt(perSecond)) : Math.floor(value / perSecond);
  return new Date(seconds * 1000).toISOString().slice(11, 19);
}

function msOf(value: unknown): number {
  return value instanceof Date ? value.getTime() : Number(value);
}

/**
 * How to read one column's cells. Arrow's get() already scales every timestamp unit (s/ms/us/ns) to
 * milliseconds; a timestamp without a zone is Almaty wall-clock (data contract §2), with one an instant.
 */
export function cellReader(type: DataType): ReadCell {
  if (DataType.isTimestamp(type)) {
    const format = type.timezone ? instantText : wallClockText;
    return (vector, row) => {
      const value: unknown = vector.get(row);
      return value === null || value === undefined ? null : format(msOf(value));
    };
  }
  if (DataType.isDate(type)) {
    return (vector, row) => {
      const value: unknown = vector.get(row);
      return value === null || value === undefined ? null : isoOf(msOf(value)).slice(0, 10);
    };
  }
  if (DataType.isTime(type)) {
    return (vector, row) => {
      const value: unknown = vector.get(row);
      return typeof value === 'number' || typeof value === 'bigint' ? timeOfDayText(value, type.unit) : null;
    };
  }
  return (vector, row) => plainValue(vector.get(row));
}
