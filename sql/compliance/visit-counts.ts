import { sql, type Kysely } from 'kysely';
import { daysBetween, type Period } from '../../domain/calendar.ts';
import { oneOffMemo, type UnitMemo } from '../cover/unit-memo.ts';
import { dayUnits, unitKey, type DailyUnitRow } from '../cover/unit-rows.ts';
import type { Database } from '../schema.ts';

/** One office's visit counts over a period: office_daily's counters (visit_hourly summed per day) summed. */
export interface VisitCounts extends DailyUnitRow {
  /** Calendar days with at least one visit. */
  activeDays: number;
}

/**
 * Per office with any visit in the period, summed over office_daily's day units through `units` (the
 * server's memo; one read of the days otherwise).
 */
export async function getVisitCounts(
  db: Kysely<Database>, period: Period, offices?: readonly string[], units: UnitMemo = oneOffMemo(db),
): Promise<VisitCounts[]> {
  const days = dayUnits(period);
  const rows = await units.units('daily', days);
  const wanted = offices ? new Set(offices) : null;
  const by = new Map<string, VisitCounts>();
  for (const day of days) {
    for (const r of rows.get(unitKey(day)) ?? []) {
      if (wanted && !wanted.has(r.office)) continue;
      let c = by.get(r.office);
      if (!c) {
        c = { office: r.office, visits: 0, admitted: 0, statements: 0, phoneKnown: 0, phoneYes: 0, questionedKnown: 0, questionedYes: 0, activeDays: 0 };
        by.set(r.office, c);
      }
      c.visits += r.visits;
      c.admitted += r.admitted;
      c.statements += r.statements;
      c.phoneKnown += r.phoneKnown;
      c.phoneYes += r.phoneYes;
      c.questionedKnown += r.questionedKnown;
      c.questionedYes += r.questionedYes;
      if (r.visits > 0) c.activeDays++;
    }
  }
  return [...by.values()].filter((c) => c.visits > 0).sort((a, b) => (a.office < b.office ? -1 : a.office > b.office ? 1 : 0));
}

/** The longest run of calendar days without any visit, edges included. */
export interface ReportingGap {
  office: string;
  /** Days counted: [from, end). */
  days: number;
  activeDays: number;
  longestGap: number;
  /** First and last silent day of the longest gap (the earliest such gap); null when there is none. */
  gapFrom: string | null;
  gapTo: string | null;
}

/**
 * Each office's reporting start (contract §4): the Almaty day of the earliest visit it ever sent, as
 * YYYY-MM-DD; an office missing from the map has never sent a visit. One definition, used by the
 * rule's evidence and by the gaps below, so no caller can count from the period's start by
 * forgetting it. The starts change only with data: read once per data version through `units`.
 */
export function getReportingStarts(db: Kysely<Database>, units: UnitMemo = oneOffMemo(db)): Promise<Map<string, string>> {
  return units.perVersion('reporting-starts', async () => {
    const r = await sql<{ office: string; start: string }>`
      select office_code as office, min(day)::text as start from office_daily where visits > 0 group by office_code`.execute(db);
    return new Map(r.rows.map((row) => [row.office, row.start]));
  });
}

/**
 * Gaps between the days an office logged visits over [start, end), where each office's start is
 * the later of `from` and its reporting start (contract §4: the days before it are not gaps; offices
 * that never sent a visit, or only from `end` on, are left out). Silent days at either edge of that
 * span count too. Summed over the day units of office_daily (sql/cover/unit-rows.ts) through `units`:
 * the server's memo, so a period explored after others reads no table.
 */
export async function getReportingGaps(
  db: Kysely<Database>, from: string, end: string, offices: readonly string[], units: UnitMemo = oneOffMemo(db),
): Promise<ReportingGap[]> {
  if (!offices.length || end <= from) return [];
  const known = await getReportingStarts(db, units);
  const spans = [...new Set(offices)].sort().flatMap((office) => {
    const start = known.get(office);
    if (start === undefined) return [];
    const begin = start > from ? start : from;
    return begin < end ? [{ office, begin }] : [];
  });
  if (!spans.length) return [];
  const first = spans.reduce((a, s) => (s.begin < a ? s.begin : a), end);
  const days = dayUnits({ from: first, to: end });
  const rows = await units.units('daily', days);
  // Each office's days with a visit, by the day's index: one pass over the units for all offices.
  const activeOn = new Map<string, Uint8Array>();
  days.forEach((day, i) => {
    for (const r of rows.get(unitKey(day)) ?? []) {
      if (r.visits <= 0) continue;
      let on = activeOn.get(r.office);
      if (!on) activeOn.set(r.office, on = new Uint8Array(days.length));
      on[i] = 1;
    }
  });
  const dayAt = (i: number) => days[i]?.start ?? '';
  return spans.map(({ office, begin }) => {
    const on = activeOn.get(office);
    let activeDays = 0;
    let longestGap = 0;
    let gapFrom: string | null = null;
    let gapTo: string | null = null;
    // The run of silent days now open, from its first day; a longer run replaces the longest, an
    // equal one does not (the earliest of the longest is named).
    let runFrom: string | null = null;
    let run = 0;
    const close = (lastSilent: string) => {
      if (run > longestGap) {
        longestGap = run;
        gapFrom = runFrom;
        gapTo = lastSilent;
      }
      runFrom = null;
      run = 0;
    };
    for (let i = daysBetween(first, begin); i < days.length; i++) {
      if (on?.[i] === 1) {
        activeDays++;
        if (run > 0) close(dayAt(i - 1));
      } else {
        runFrom ??= dayAt(i);
        run++;
      }
    }
    if (run > 0) close(dayAt(days.length - 1));
    return { office, days: daysBetween(begin, end), activeDays, longestGap, gapFrom, gapTo };
  });
}
