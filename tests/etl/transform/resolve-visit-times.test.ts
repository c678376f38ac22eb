import { describe, expect, it } from 'vitest';
import { resolveVisitTimes, type VisitTimesResult } from '../../../etl/transform/resolve-visit-times.ts';
import type { RawValue, VisitField } from '../../../etl/model.ts';

type Values = Partial<Record<VisitField, RawValue>>;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function times(values: Values) {
  const r: VisitTimesResult = resolveVisitTimes(values);
  if (!r.ok) throw new Error(r.detail);
  return {
    arrived: iso(r.times.arrived), admitted: iso(r.times.admitted), started: iso(r.times.started),
    finished: iso(r.times.finished), called: iso(r.times.specialistCalled), came: iso(r.times.specialistArrived),
  };
}

describe('resolveVisitTimes: one date, several times', () => {
  it('puts time-only cells on the row\'s date', () => {
    expect(times({ date: '14.01.2019', arrived_at: '10:05', admitted_at: '10:06', started_at: '10:10', finished_at: '10:25' }))
      .toMatchObject({
        arrived: '2019-01-14T04:05:00.000Z', admitted: '2019-01-14T04:06:00.000Z',
        started: '2019-01-14T04:10:00.000Z', finished: '2019-01-14T04:25:00.000Z',
      });
  });

  it('rolls a round-the-clock visit over midnight: arrived 23:50, admitted 00:05 is the next day', () => {
    expect(times({ date: '14.01.2019', arrived_at: '23:50', admitted_at: '00:05', started_at: '00:10', finished_at: '00:40' }))
      .toMatchObject({
        arrived: '2019-01-14T17:50:00.000Z', admitted: '2019-01-14T18:05:00.000Z',
        started: '2019-01-14T18:10:00.000Z', finished: '2019-01-14T18:40:00.000Z',
      });
  });

  it('compares with the nearest earlier non-empty time when one is missing', () => {
    expect(times({ date: '14.01.2019', arrived_at: '23:50', admitted_at: null, started_at: '', finished_at: '00:20' }))
      .toMatchObject({ admitted: null, started: null, finished: '2019-01-14T18:20:00.000Z' });
  });

  it('keeps a time up to 12 hours earlier on the same day (that is a time_order problem, not a new day)', () => {
    expect(times({ date: '14.01.2019', arrived_at: '12:00', admitted_at: '00:30' }))
      .toMatchObject({ admitted: '2019-01-13T18:30:00.000Z' });
  });

  it('takes the day from arrived_at when there is no date column', () => {
    expect(times({ arrived_at: '2019-01-14 23:55:00', admitted_at: '00:02:00' }))
      .toMatchObject({ arrived: '2019-01-14T17:55:00.000Z', admitted: '2019-01-14T18:02:00.000Z' });
    expect(times({ arrived_at: '2019-01-14T10:05:00+06:00', finished_at: '10:30' }))
      .toMatchObject({ arrived: '2019-01-14T04:05:00.000Z', finished: '2019-01-14T04:30:00.000Z' });
  });

  it('reads Excel serial dates with time fractions', () => {
    expect(times({ date: 43479, arrived_at: 0.4201388889, admitted_at: 0.4208333333 }))
      .toMatchObject({ arrived: '2019-01-14T04:05:00.000Z', admitted: '2019-01-14T04:06:00.000Z' });
  });

  it('crosses the 2024 zone change at midnight with the offset of each side', () => {
    expect(times({ date: '29.02.2024', arrived_at: '23:50', admitted_at: '00:10' }))
      .toMatchObject({ arrived: '2024-02-29T17:50:00.000Z', admitted: '2024-02-29T19:10:00.000Z' });
  });

  it('places specialist_called_at and specialist_arrived_at after arrival the same way', () => {
    expect(times({ date: '14.01.2019', arrived_at: '23:40', specialist_called_at: '23:45', specialist_arrived_at: '00:15' }))
      .toMatchObject({ called: '2019-01-14T17:45:00.000Z', came: '2019-01-14T18:15:00.000Z' });
  });

  it('fails with what was expected and found', () => {
    const missing = resolveVisitTimes({ date: '14.01.2019', arrived_at: '' });
    expect(missing).toMatchObject({ ok: false, detail: expect.stringMatching(/^arrived_at: expected .* found nothing$/) });
    const noDay = resolveVisitTimes({ arrived_at: '10:05' });
    expect(noDay).toMatchObject({ ok: false, detail: expect.stringContaining('found "10:05"') });
    const badLater = resolveVisitTimes({ arrived_at: '14.01.2019 10:05', finished_at: 'позже' });
    expect(badLater).toMatchObject({ ok: false, detail: expect.stringMatching(/^finished_at: .*found "позже"/) });
    const badDate = resolveVisitTimes({ date: '31.02.2019', arrived_at: '10:05' });
    expect(badDate).toMatchObject({ ok: false, detail: expect.stringMatching(/^date: .*found "31.02.2019"/) });
    const dateOnly = resolveVisitTimes({ arrived_at: '14.01.2019' });
    expect(dateOnly.ok).toBe(false);
  });
});
