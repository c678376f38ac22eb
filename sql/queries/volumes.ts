import { sql, type Kysely } from 'kysely';
import type { Period } from '../../domain/calendar.ts';
import type { Database } from '../schema.ts';
import { coverPeriod, type CoverUnit } from '../cover/rollup-cover.ts';
import { oneOffMemo, type UnitMemo } from '../cover/unit-memo.ts';
import { dayUnits, unitKey } from '../cover/unit-rows.ts';
import type { Scope } from './scope.ts';

export interface OfficeVolumeRow {
  office: string;
  visits: number;
  previous: number;
  admitted: number;
  statements: number;
}

export interface DailyVolumeRow {
  day: string;
  visits: number;
}

/** Visits of one office by ISO weekday (1 = Monday) and Almaty hour of arrival. */
export interface HeatRow {
  office: string;
  weekday: number;
  hour: number;
  visits: number;
}

export interface VolumeBreakdown {
  /** Offices with any visit in either period. */
  perOffice: OfficeVolumeRow[];
  /** Days of the period with visits. */
  daily: DailyVolumeRow[];
  /** Per office, so each can be divided by its own covered days of that weekday. */
  heatmap: HeatRow[];
}

/**
 * Visits per office (this period and the one compared with), per day and per weekday × hour, summed in
 * memory from the rollup units of each period's cover (a year is one or two units, not 8,760 hours):
 * per office and heatmap from the signed day/dekad/month/year units, the daily series from office_daily's
 * days. Offices, days and heatmap cells without visits are left out.
 */
export async function getVolumeBreakdown(db: Kysely<Database>, scope: Scope, previous: Period, memo: UnitMemo = oneOffMemo(db)): Promise<VolumeBreakdown> {
  const current = coverPeriod({ from: scope.from, to: scope.to });
  const before = coverPeriod(previous);
  const days = dayUnits(scope);
  const [categoryRows, hourRows, dailyRows] = await Promise.all([
    memo.units('category', [...current, ...before]),
    memo.units('hour', current),
    memo.units('daily', days),
  ]);
  const wanted = new Set(scope.offices);

  const offices = new Map<string, OfficeVolumeRow>();
  const addOffice = (cover: readonly CoverUnit[], into: 'visits' | 'previous') => {
    for (const u of cover) {
      for (const row of categoryRows.get(unitKey(u)) ?? []) {
        if (!wanted.has(row.office)) continue;
        let o = offices.get(row.office);
        if (!o) offices.set(row.office, o = { office: row.office, visits: 0, previous: 0, admitted: 0, statements: 0 });
        o[into] += u.sign * row.visits;
        if (into === 'visits') {
          o.admitted += u.sign * row.admitted;
          o.statements += u.sign * row.statements;
        }
      }
    }
  };
  addOffice(current, 'visits');
  addOffice(before, 'previous');

  // Per office, a cell per weekday × hour found by number (weekday × 24 + hour), not by a text key.
  const heat = new Map<string, Map<number, HeatRow>>();
  for (const u of current) {
    for (const row of hourRows.get(unitKey(u)) ?? []) {
      if (!wanted.has(row.office)) continue;
      let cells = heat.get(row.office);
      if (!cells) heat.set(row.office, cells = new Map());
      const k = row.isodow * 24 + row.hour;
      let h = cells.get(k);
      if (!h) cells.set(k, h = { office: row.office, weekday: row.isodow, hour: row.hour, visits: 0 });
      h.visits += u.sign * row.visits;
    }
  }

  const daily: DailyVolumeRow[] = [];
  for (const d of days) {
    const visits = (dailyRows.get(unitKey(d)) ?? []).reduce((a, row) => a + (wanted.has(row.office) ? row.visits : 0), 0);
    if (visits > 0) daily.push({ day: d.start, visits });
  }
  const byOffice = (a: { office: string }, b: { office: string }) => (a.office < b.office ? -1 : a.office > b.office ? 1 : 0);
  return {
    perOffice: [...offices.values()].filter((o) => o.visits !== 0 || o.previous !== 0).sort(byOffice),
    daily,
    heatmap: [...heat.values()].flatMap((cells) => [...cells.values()]).filter((h) => h.visits > 0)
      .sort((a, b) => byOffice(a, b) || a.weekday - b.weekday || a.hour - b.hour),
  };
}

/**
 * First and last Almaty day holding any visit (nulls when there are none): per office, the first
 * and last office_daily row with visits, read from the (office_code, day) key's ends instead of a scan.
 */
export async function getDataRange(db: Kysely<Database>): Promise<{ firstDay: string | null; lastDay: string | null }> {
  const r = await sql<{ firstDay: string | null; lastDay: string | null }>`
    select min((select d.day from office_daily d where d.office_code = o.code and d.visits > 0 order by d.day limit 1)) as "firstDay",
           max((select d.day from office_daily d where d.office_code = o.code and d.visits > 0 order by d.day desc limit 1)) as "lastDay"
    from offices o`.execute(db);
  return r.rows[0] ?? { firstDay: null, lastDay: null };
}
