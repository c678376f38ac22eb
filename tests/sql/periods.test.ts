import { describe, expect, it } from 'vitest';
import { buildCoverage, compareLikeForLike, coveredWeekdays, uncoveredSpans } from '../../domain/coverage.ts';
import { calendarUnitOf, defaultPeriod, monthToDate, resolvePeriod } from '../../domain/periods.ts';

// Every rule here depends on completeTo and the request only: no clock is read.
describe('periods (contract §8)', () => {
  it('the previous period of November is the whole of October, not the 30 days before', () => {
    const r = resolvePeriod({ from: '2024-11-01', to: '2024-12-01' }, '2024-12-06');
    expect(r.unit).toBe('month');
    expect(r.unfinished).toBe(false);
    expect(r.previous).toEqual({ from: '2024-10-01', to: '2024-11-01' });
    expect(r.yearAgo).toEqual({ from: '2023-11-01', to: '2023-12-01' });
  });

  it('previous quarter, previous year, and the same days a year earlier', () => {
    expect(resolvePeriod({ from: '2024-07-01', to: '2024-10-01' }, '2024-12-06').previous).toEqual({ from: '2024-04-01', to: '2024-07-01' });
    expect(resolvePeriod({ from: '2023-01-01', to: '2024-01-01' }, '2024-12-06').previous).toEqual({ from: '2022-01-01', to: '2023-01-01' });
    expect(resolvePeriod({ from: '2024-01-01', to: '2024-04-01' }, '2024-12-06').unit).toBe('quarter');
    expect(resolvePeriod({ from: '2024-03-01', to: '2024-03-29' }, '2024-12-06').yearAgo).toEqual({ from: '2023-03-01', to: '2023-03-29' });
    expect(calendarUnitOf({ from: '2024-02-01', to: '2024-05-01' })).toBeNull();
  });

  it('an unfinished month is cut at completeTo and compared with the same first days of the previous month', () => {
    const r = resolvePeriod({ from: '2024-12-01', to: '2025-01-01' }, '2024-12-06');
    expect(r).toMatchObject({ unfinished: true, period: { from: '2024-12-01', to: '2024-12-07' }, previous: { from: '2024-11-01', to: '2024-11-07' } });
    // An unfinished year: 1 January – 6 December against 1 January – 6 December of the year before.
    expect(resolvePeriod({ from: '2024-01-01', to: '2025-01-01' }, '2024-12-06').previous).toEqual({ from: '2023-01-01', to: '2023-12-07' });
  });

  it('any other range is compared with the same number of days just before it', () => {
    expect(resolvePeriod({ from: '2024-11-25', to: '2024-12-02' }, '2024-12-06').previous).toEqual({ from: '2024-11-18', to: '2024-11-25' });
  });

  it('the default period is the last calendar month ending on or before completeTo; «this month» is the month holding it', () => {
    expect(defaultPeriod('2024-12-06')).toEqual({ from: '2024-11-01', to: '2024-12-01' });
    expect(defaultPeriod('2024-11-30')).toEqual({ from: '2024-11-01', to: '2024-12-01' });
    expect(monthToDate('2024-12-06')).toEqual({ from: '2024-12-01', to: '2025-01-01' });
  });
});

describe('coverage (contract §8)', () => {
  const offices = ['SRK', 'TDK', 'RMB', 'ALK'];
  const cov = buildCoverage([
    { office: 'SRK', first: '2024-01-01', last: '2024-06-30' },
    { office: 'SRK', first: '2024-07-01', last: '2024-12-06' }, // adjacent files join
    { office: 'TDK', first: '2024-01-01', last: '2024-12-09' }, // ahead by three days
    { office: 'RMB', first: '2024-01-01', last: '2024-10-22' }, // stopped
  ], offices);

  it('completeTo is the last day every active office is covered; an office ahead does not move it; one behind is named since its last day', () => {
    expect(cov.completeTo).toBe('2024-12-06');
    expect(cov.latest).toBe('2024-12-09');
    expect(cov.offices.map((o) => [o.office, o.status, o.behindSince])).toEqual([
      ['SRK', 'active', null], ['TDK', 'active', null], ['RMB', 'behind', '2024-10-22'], ['ALK', 'no_data', null]]);
    expect(cov.offices[0]?.spans).toEqual([{ from: '2024-01-01', to: '2024-12-06' }]);
  });

  it('compares only offices covered on both sides and names the others with the reason', () => {
    const c = compareLikeForLike(cov, offices, { from: '2024-11-01', to: '2024-12-01' }, { from: '2024-10-01', to: '2024-11-01' }, 'previous');
    expect(c).toEqual({
      kind: 'previous', from: '2024-10-01', to: '2024-11-01', comparable: true, offices: ['SRK', 'TDK'], reason: null,
      offices_left_out: [
        { office: 'RMB', reason: 'behind', since: '2024-10-22', side: 'both' },
        { office: 'ALK', reason: 'no_data', since: null, side: 'both' }],
    });
    const none = compareLikeForLike(cov, offices, { from: '2024-11-01', to: '2024-12-01' }, { from: '2023-11-01', to: '2023-12-01' }, 'year_ago');
    expect(none).toMatchObject({ comparable: false, offices: [], reason: 'previous_not_covered' });
  });

  it('uncovered days of a period and covered weekday occurrences', () => {
    const rmb = cov.offices[2];
    if (!rmb) throw new Error('RMB missing');
    expect(uncoveredSpans(rmb, { from: '2024-10-01', to: '2024-11-05' })).toEqual([{ from: '2024-10-23', to: '2024-11-04' }]);
    // October 2024 has five Tuesdays (1, 8, 15, 22, 29); RMB is covered up to the 22nd: four.
    expect(coveredWeekdays(rmb, { from: '2024-10-01', to: '2024-11-01' })[1]).toBe(4);
  });
});
