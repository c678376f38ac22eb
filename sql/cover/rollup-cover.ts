import { addDays, CalendarRangeError, dekadStart, isCalendarDate, monthStart, nextMonth, yearStart, type Period } from '../../domain/calendar.ts';

/**
 * The time units the coarse rollups are kept at: an Almaty calendar day, dekad (the 1st–10th,
 * 11th–20th or 21st–last of a month), month or year. Dekads keep a period's ragged edges to a few
 * rows: any edge is at most two dekads and five days away from a month boundary.
 */
export type RollupUnit = 'day' | 'dekad' | 'month' | 'year';

/** One rollup row's unit, added (+1) or taken away (−1) when summing a period. */
export interface CoverUnit {
  unit: RollupUnit;
  /** First day of the unit, 'YYYY-MM-DD'. */
  start: string;
  sign: 1 | -1;
}

export const ROLLUP_UNITS: readonly RollupUnit[] = ['year', 'month', 'dekad', 'day'];
const LEVELS = ROLLUP_UNITS;

/** The first day of the unit of kind `unit` holding `day`. */
export function unitStart(unit: RollupUnit, day: string): string {
  return unit === 'year' ? yearStart(day) : unit === 'month' ? monthStart(day) : unit === 'dekad' ? dekadStart(day) : day;
}

function unitEnd(unit: RollupUnit, start: string): string {
  if (unit === 'year') return `${String(Number(start.slice(0, 4)) + 1).padStart(4, '0')}-01-01`;
  if (unit === 'month') return nextMonth(start);
  if (unit === 'dekad') return start.endsWith('-21') ? nextMonth(start) : addDays(start, 10);
  return addDays(start, 1);
}

const negate = (units: CoverUnit[]): CoverUnit[] => units.map((u) => ({ ...u, sign: u.sign === 1 ? -1 : 1 }));

/**
 * [a, b) lying inside one unit X of `level`: either the finer units of [a, b) themselves, or X minus
 * the finer units of what X holds outside [a, b) — whichever needs fewer rows (Jan 2 – Dec 31 is a
 * year minus a day, not eleven months and thirty days).
 */
function partial(a: string, b: string, level: number): CoverUnit[] {
  if (a >= b) return [];
  const unit = LEVELS[level] ?? 'day';
  const direct = coverAt(a, b, level + 1);
  if (unit === 'day') return direct;
  const x = unitStart(unit, a);
  const viaX = [{ unit, start: x, sign: 1 } as const, ...negate(coverAt(x, a, level + 1)), ...negate(coverAt(b, unitEnd(unit, x), level + 1))];
  return viaX.length < direct.length ? viaX : direct;
}

function coverAt(from: string, to: string, level: number): CoverUnit[] {
  if (from >= to) return [];
  const unit = LEVELS[level] ?? 'day';
  if (unit === 'day') {
    const out: CoverUnit[] = [];
    for (let d = from; d < to; d = addDays(d, 1)) out.push({ unit, start: d, sign: 1 });
    return out;
  }
  const firstFull = unitStart(unit, from) === from ? from : unitEnd(unit, unitStart(unit, from));
  const fullEnd = unitStart(unit, to);
  if (firstFull > fullEnd) return partial(from, to, level);
  const full: CoverUnit[] = [];
  for (let s = firstFull; s < fullEnd; s = unitEnd(unit, s)) full.push({ unit, start: s, sign: 1 });
  return [...partial(from, firstFull, level), ...full, ...partial(fullEnd, to, level)];
}

/**
 * The fewest day/dekad/month/year rollup units whose signed sum is exactly the days of `period`: a reader
 * sums `sign × value` over them. Counts and histograms are additive, so the result is exact, and a
 * year-long query reads a handful of units instead of 365 days.
 */
export function coverPeriod(period: Period): readonly CoverUnit[] {
  const key = `${period.from}|${period.to}`;
  let cover = recentCovers.get(key);
  if (!cover) {
    assertCoverable(period);
    cover = Object.freeze(coverAt(period.from, period.to, 0).map((u) => Object.freeze(u)));
    if (recentCovers.size >= RECENT_COVERS) recentCovers.clear();
    recentCovers.set(key, cover);
  }
  return cover;
}

/**
 * One answer asks the cover of its period several times (volumes, each duration read, the judgement),
 * and its string arithmetic showed in the server's profile: recent covers are kept, frozen.
 */
const RECENT_COVERS = 1_000;
const recentCovers = new Map<string, readonly CoverUnit[]>();

/** A period the cover refuses: it could only be answered wrong (or never) by the string arithmetic above. */
/**
 * Days compare as strings here, which holds only for four-digit years: the end of year 9999 would be
 * '10000-01-01', sorting before every other day, and the year loop above summed ~90,000 wrong units
 * (every visit in the database for 9999-12-01 – 9999-12-31). Validation at the API keeps requests
 * far inside; this guard holds for any caller. An empty or reversed period is an empty cover.
 */
function assertCoverable(period: Period): void {
  const ok = (d: string) => isCalendarDate(d) && d >= '0001-01-01' && d <= '9999-01-01';
  if (!ok(period.from) || !ok(period.to)) {
    throw new CalendarRangeError(`The period ${period.from} – ${period.to} is outside the days Vitrina can sum (0001-01-01 to 9999-01-01)`);
  }
}
