/**
 * Asia/Almaty wall clock ↔ instant through the IANA zone (Intl), never a fixed offset: Kazakhstan
 * moved from UTC+6 to UTC+5 on 2024-03-01, and earlier years had their own changes. Intl is slow
 * (microseconds a call), so offsets are cached per hour; every Almaty transition falls on a whole hour.
 * Wall-clock times are handled as "wall ms": the epoch milliseconds the same digits would have in UTC.
 */

const HOUR = 3_600_000;
const DAY = 86_400_000;

const formatter = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Asia/Almaty', hourCycle: 'h23',
  year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
});

/** Offset at a whole-second instant (formatToParts has no milliseconds). */
function uncachedOffsetAt(instantMs: number): number {
  const p: Record<string, number> = {};
  for (const part of formatter.formatToParts(instantMs)) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  const year = p.year ?? 1970;
  const wall = Date.UTC(year, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear keeps them as written.
  const fixed = year < 100 ? new Date(wall).setUTCFullYear(year) : wall;
  return fixed - instantMs;
}

const byUtcHour = new Map<number, number>();

/** Offset of Asia/Almaty from UTC in ms at an instant. */
export function almatyOffsetAt(instantMs: number): number {
  const hour = Math.floor(instantMs / HOUR);
  let offset = byUtcHour.get(hour);
  if (offset === undefined) {
    offset = uncachedOffsetAt(hour * HOUR);
    byUtcHour.set(hour, offset);
  }
  return offset;
}

/** The wall-clock reading in Almaty at an instant, as wall ms. */
export function instantToWall(instantMs: number): number {
  return instantMs + almatyOffsetAt(instantMs);
}

/**
 * The instant a wall-clock time names. When the clock went back and the hour happened twice
 * (23:00–23:59 on 2024-02-29), the earlier instant wins; a time skipped by a clock going forward is
 * read with the offset before the change.
 */
function uncachedOffsetForWall(wallMs: number): number {
  const before = almatyOffsetAt(wallMs - DAY);
  const after = almatyOffsetAt(wallMs + DAY);
  let best: number | null = null;
  for (const offset of before === after ? [before] : [before, after]) {
    if (almatyOffsetAt(wallMs - offset) !== offset) continue;
    if (best === null || wallMs - offset < wallMs - best) best = offset;
  }
  return best ?? before;
}

const byWallHour = new Map<number, number>();

/** The instant (epoch ms) of an Almaty wall-clock time given as wall ms. */
export function wallToInstant(wallMs: number): number {
  const hour = Math.floor(wallMs / HOUR);
  let offset = byWallHour.get(hour);
  if (offset === undefined) {
    offset = uncachedOffsetForWall(hour * HOUR);
    byWallHour.set(hour, offset);
  }
  return wallMs - offset;
}
