import { describe, expect, it } from 'vitest';
import { almatyToday, matchPreset, presetPeriod, relativeChange } from '../../web/state/period.ts';

describe('period presets are anchored to the last day with data', () => {
  it('a month preset covers the calendar month holding the anchor, half-open', () => {
    expect(presetPeriod('month', '2019-02-14')).toEqual({ from: '2019-02-01', to: '2019-03-01' });
  });
  it('the previous month preset ends where the anchor month begins, across a year', () => {
    expect(presetPeriod('prev_month', '2019-01-20')).toEqual({ from: '2018-12-01', to: '2019-01-01' });
  });
  it('last 7 days end after the anchor day, inclusive of it', () => {
    expect(presetPeriod('last7', '2024-03-02')).toEqual({ from: '2024-02-25', to: '2024-03-03' });
  });
  it('a quarter preset starts on the quarter’s first month', () => {
    expect(presetPeriod('quarter', '2019-08-31')).toEqual({ from: '2019-07-01', to: '2019-10-01' });
  });
  it('a custom range matches no preset, a preset range is recognised', () => {
    expect(matchPreset({ from: '2019-02-01', to: '2019-03-01' }, '2019-02-14')).toBe('month');
    expect(matchPreset({ from: '2019-02-03', to: '2019-02-10' }, '2019-02-14')).toBeNull();
  });
});

describe('today and changes', () => {
  it('today is the Almaty date even when UTC is still on the previous day', () => {
    expect(almatyToday(new Date('2024-03-01T20:30:00Z'))).toBe('2024-03-02');
  });
  it('a change against zero or a hidden count is null, not infinity', () => {
    expect(relativeChange(10, 0)).toBeNull();
    expect(relativeChange(10, null)).toBeNull();
    expect(relativeChange(12, 10)).toBeCloseTo(0.2);
  });
});
