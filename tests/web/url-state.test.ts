import { describe, expect, it } from 'vitest';
import { DEFAULT_CASES, DEFAULT_STATE, formatHash, parseHash } from '../../web/state/url-state.ts';

describe('the URL holds the whole filter state', () => {
  it('an office page link with period, comparison and language round-trips', () => {
    const hash = '#/office/SRK?from=2019-01-01&to=2019-02-01&cmp=none&lang=kk';
    const state = parseHash(hash);
    expect(state).toMatchObject({ view: 'office', office: 'SRK', from: '2019-01-01', to: '2019-02-01', cmp: 'none', lang: 'kk' });
    expect(formatHash(state)).toBe(hash);
  });
  it('an office filter and the lines switched on stay in the query of other views', () => {
    const state = { ...DEFAULT_STATE, view: 'overview' as const, office: 'KPG', lines: ['SRK', 'TDK'], from: '2019-01-01', to: '2019-01-08' };
    expect(parseHash(formatHash(state))).toMatchObject({ office: 'KPG', lines: ['SRK', 'TDK'] });
  });
  it('malformed or reversed dates and unknown values fall back instead of breaking the page', () => {
    const s = parseHash('#/nowhere?from=2019-02-30&to=2019-01-01&cmp=sideways&lang=fr&office=<b>');
    expect(s).toMatchObject({ view: 'overview', from: null, to: null, cmp: 'prev', lang: null, office: null });
    expect(parseHash('#/topics?from=2019-03-01&to=2019-02-01')).toMatchObject({ from: null, to: null });
  });
  it('the login page remembers where to return to', () => {
    const s = parseHash(`#/login?next=${encodeURIComponent('#/compliance?from=2019-01-01&to=2019-02-01')}`);
    expect(s.next).toBe('#/compliance?from=2019-01-01&to=2019-02-01');
  });
  it('a malformed percent escape in the path never throws (it used to leave a blank page)', () => {
    for (const hash of ['#/office/%E0%A4%A', '#/%', '#/office/%', '#/office/SRK%?from=%E0&to=%', '#/%E0%A4%A/SRK']) {
      expect(() => parseHash(hash), hash).not.toThrow();
    }
    expect(parseHash('#/office/%E0%A4%A')).toMatchObject({ view: 'office', office: null });
    expect(parseHash('#/office/%53RK')).toMatchObject({ view: 'office', office: 'SRK' });
    expect(parseHash('#/topics?from=%E0&next=%')).toMatchObject({ view: 'topics', from: null });
  });
  it('the Compliance work list keeps its status, rule, month, order and page in the link, beside the office and period', () => {
    const hash = '#/compliance?from=2026-01-01&to=2026-04-01&office=SRK&status=all&rule=no_bars&month=2026-03&sort=office&page=3&lang=kk';
    const state = parseHash(hash);
    expect(state).toMatchObject({ view: 'compliance', office: 'SRK', from: '2026-01-01', to: '2026-04-01',
      cases: { status: 'all', rule: 'no_bars', month: '2026-03', sort: 'office', page: 3 } });
    expect(formatHash(state)).toBe(hash);
    // The defaults (open cases, every rule and month, oldest first, page 1) stay out of the link.
    expect(formatHash({ ...state, cases: DEFAULT_CASES })).toBe('#/compliance?from=2026-01-01&to=2026-04-01&office=SRK&lang=kk');
    expect(parseHash('#/compliance?status=resolved').cases).toEqual({ ...DEFAULT_CASES, status: 'resolved' });
  });
  it('an unknown status, rule, month, order or page falls back to the default, and the list\'s state stays on its page', () => {
    const s = parseHash('#/compliance?status=closed&rule=no_windows&month=2026-13&sort=random&page=0');
    expect(s.cases).toEqual(DEFAULT_CASES);
    for (const page of ['-1', '2.5', 'x', '100001']) expect(parseHash(`#/compliance?page=${page}`).cases.page, page).toBe(1);
    const compliance = parseHash('#/compliance?from=2026-01-01&to=2026-02-01&rule=no_bars&page=2');
    expect(formatHash({ ...compliance, view: 'overview' })).toBe('#/overview?from=2026-01-01&to=2026-02-01');
    expect(parseHash('#/overview?rule=no_bars&page=2').cases).toEqual(DEFAULT_CASES);
  });
});
