import { describe, expect, it } from 'vitest';
import { groupIntoFiles } from '../../../etl/demo/file-group.ts';
import { generateOfficeVisits, periodDays } from '../../../etl/demo/generate-visits.ts';
import { OFFICE_PLANS } from '../../../etl/demo/office-plan.ts';
import { DEMO_OFFICES, DEMO_SCENARIO, silentFromIndex } from '../../../etl/demo/scenario.ts';
import { buildCoverage, type FileSpan } from '../../../domain/coverage.ts';

/**
 * Each demo file's span is its first to last arrival day (contract §8, as etl/load/file-coverage.ts
 * records it), joined over files by the same buildCoverage /api/coverage uses. The files are the
 * groups writeDemo writes, one per office and month, quarter or year as the office's plan says.
 */
function demoCoverage(endDate: string, days: number) {
  const calendar = periodDays({ days, endDate });
  const spans: FileSpan[] = [];
  const sundayVisits: { office: string; date: string; channel: string }[] = [];
  for (const office of DEMO_OFFICES) {
    const visits = [...generateOfficeVisits(office, calendar, { days, endDate })];
    for (const v of visits) if (calendar[v.dayIndex]!.weekday === 0) sundayVisits.push(v);
    for (const group of groupIntoFiles(office, OFFICE_PLANS[office], visits, calendar)) {
      const arrivalDays = group.visits.map((v) => v.date).sort();
      spans.push({ office, first: arrivalDays[0]!, last: arrivalDays[arrivalDays.length - 1]! });
    }
  }
  return { calendar, coverage: buildCoverage(spans, [...DEMO_OFFICES]), sundayVisits };
}

const isMonthEdge = (iso: string): boolean => iso.endsWith('-01') || iso.slice(0, 7) !== new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 7);

describe('demo files cover their whole period', () => {
  // A year ending 30 November 2026: February, March and November 2026 begin on a Sunday, May ends on one.
  const END = '2026-11-30';
  const DAYS = 365;
  const { calendar, coverage, sundayVisits } = demoCoverage(END, DAYS);
  const first = calendar[0]!.iso;

  it('covers every office but the silent one from the first to the last demo day without a gap', () => {
    expect(coverage.completeTo).toBe(END);
    for (const o of coverage.offices) {
      if (o.office === DEMO_SCENARIO.silentOffice) continue;
      expect(o.spans, o.office).toEqual([{ from: first, to: END }]);
      expect(o.status, o.office).toBe('active');
    }
  });

  it('keeps the silent office behind: covered without a gap until it stops, nothing after', () => {
    const rmb = coverage.offices.find((o) => o.office === DEMO_SCENARIO.silentOffice)!;
    const silentFrom = calendar[silentFromIndex(DAYS)]!.iso;
    expect(rmb.status).toBe('behind');
    expect(rmb.spans).toHaveLength(1);
    expect(rmb.spans[0]!.from).toBe(first);
    expect(rmb.last! < silentFrom).toBe(true);
    // Its last file still reaches near the day it stopped (it was not already quiet for weeks).
    expect(rmb.last! >= calendar[silentFromIndex(DAYS) - 7]!.iso).toBe(true);
  });

  it('opens offices on a Sunday only for one duty visit on a file edge; the 24-hour office works every Sunday', () => {
    const closed = sundayVisits.filter((v) => v.office !== DEMO_SCENARIO.roundTheClockOffice);
    expect(closed.length).toBeGreaterThan(0);
    for (const v of closed) {
      expect(isMonthEdge(v.date), `${v.office} ${v.date}`).toBe(true);
      expect(v.channel, `${v.office} ${v.date}`).toBe('duty_unit');
    }
    const perDay = new Map<string, number>();
    for (const v of closed) perDay.set(`${v.office} ${v.date}`, (perDay.get(`${v.office} ${v.date}`) ?? 0) + 1);
    expect(Math.max(...perDay.values())).toBe(1);
    const tdkSundays = new Set(sundayVisits.filter((v) => v.office === DEMO_SCENARIO.roundTheClockOffice).map((v) => v.date));
    expect(tdkSundays.size).toBe(calendar.slice(0, DAYS).filter((d) => d.weekday === 0).length);
  });

  it('covers a short demo that starts and ends on a Sunday, from its first day to its last', () => {
    // 27 September to 1 November 2026, both Sundays.
    const short = demoCoverage('2026-11-01', 36);
    expect(short.calendar[0]!.iso).toBe('2026-09-27');
    expect(short.coverage.completeTo).toBe('2026-11-01');
    for (const o of short.coverage.offices) {
      if (o.office === DEMO_SCENARIO.silentOffice) continue;
      expect(o.spans, o.office).toEqual([{ from: '2026-09-27', to: '2026-11-01' }]);
    }
  });
});
