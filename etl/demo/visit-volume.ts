import type { DemoDay } from './almaty-time.ts';
import { cumulate, pickWeighted, type Rng } from './prng.ts';
import { DAILY_VOLUME, DEMO_SCENARIO, type DemoOffice } from './scenario.ts';

/**
 * How many visits a day brings and when they arrive. Offices work 9:00–18:00 on weekdays with a
 * lunch dip at 13:00 and 9:00–13:00 on Saturdays; the round-the-clock office sees people at night too.
 */

// Mon-heavy week: people come after the weekend. Index = weekday (0 = Sunday).
const WEEKDAY_FACTOR = [0, 1.15, 1.05, 1, 1, 0.95, 0.4];
const ROUND_THE_CLOCK_WEEKDAY = [0.6, 1.15, 1.05, 1, 1, 0.95, 0.75];

const WORKDAY_HOURS = [9, 10, 11, 12, 13, 14, 15, 16, 17];
const WORKDAY_CUMULATIVE = cumulate([1.2, 1.4, 1.3, 1.0, 0.35, 1.1, 1.1, 1.0, 0.6]);
const SATURDAY_HOURS = [9, 10, 11, 12];
const SATURDAY_CUMULATIVE = cumulate([1.1, 1.3, 1.2, 0.8]);
const ALL_HOURS = Array.from({ length: 24 }, (_, h) => h);
const ALL_HOURS_CUMULATIVE = cumulate([
  0.12, 0.08, 0.06, 0.05, 0.05, 0.07, 0.15, 0.4, 0.8, 1.2, 1.4, 1.3, 1.0, 0.6, 1.1, 1.1, 1.0, 0.9, 0.7, 0.5, 0.4, 0.3, 0.25, 0.2,
]);

const SMALL: ReadonlySet<string> = new Set(DEMO_SCENARIO.smallSampleOffices);

export function visitCount(rng: Rng, office: DemoOffice, day: DemoDay, scale: number): number {
  const roundTheClock = office === DEMO_SCENARIO.roundTheClockOffice;
  const factor = (roundTheClock ? ROUND_THE_CLOCK_WEEKDAY : WEEKDAY_FACTOR)[day.weekday] ?? 0;
  if (factor === 0) return 0;
  // Small offices: one visitor most working days, never a silent working day (that would be a
  // reporting breach, which the scenario does not plant there).
  if (SMALL.has(office)) {
    const base = day.weekday === 6 ? (rng.chance(0.3) ? 1 : 0) : rng.chance(0.85) ? 1 : 2;
    return Math.round(base * scale);
  }
  const season = 1 + 0.08 * Math.sin(((day.month - 3) / 12) * 2 * Math.PI);
  const mean = DAILY_VOLUME[office] * factor * season * scale * (0.75 + 0.5 * rng.next());
  return Math.max(1, Math.floor(mean + rng.next()));
}

/** Sorted, distinct arrival seconds since local midnight. */
export function arrivalSeconds(rng: Rng, day: DemoDay, count: number, roundTheClock: boolean): Int32Array {
  const [hours, cumulative] = roundTheClock
    ? [ALL_HOURS, ALL_HOURS_CUMULATIVE]
    : day.weekday === 6 ? [SATURDAY_HOURS, SATURDAY_CUMULATIVE] : [WORKDAY_HOURS, WORKDAY_CUMULATIVE];
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) out[i] = pickWeighted(rng, hours, cumulative) * 3600 + rng.int(0, 3599);
  out.sort();
  // Two visitors never share a second: sources without a ticket tell visits apart by arrival time.
  for (let i = 1; i < count; i++) if (out[i]! <= out[i - 1]!) out[i] = out[i - 1]! + 1;
  return out;
}
