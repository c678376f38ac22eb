import { describe, expect, it } from 'vitest';
import { en } from '../../web/i18n/en.ts';
import { fmtChange, fmtCount, fmtDateTime, fmtPeriod, fmtPublished, fmtShare } from '../../web/i18n/format.ts';
import { kk } from '../../web/i18n/kk.ts';
import { withLang } from '../../web/i18n/lang.ts';
import { ru } from '../../web/i18n/ru.ts';
import { ROLE_VIEWS, canActOnFlags, canSee } from '../../web/state/access.ts';

describe('three languages, one set of keys', () => {
  it('Kazakh and English translate every Russian key and keep its placeholders', () => {
    for (const [key, text] of Object.entries(ru)) {
      const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort().join();
      expect(holes(kk[key as keyof typeof ru]), key).toBe(holes(text));
      expect(holes(en[key as keyof typeof ru]), key).toBe(holes(text));
    }
  });
  it('Kazakh text is not Russian left untranslated', () => {
    const same = Object.keys(ru).filter((k) => ru[k as keyof typeof ru] === kk[k as keyof typeof ru] && /[а-я]{4}/i.test(ru[k as keyof typeof ru]));
    // Loanwords that Kazakh writes exactly as Russian does.
    const shared = ['app.title', 'role.inspector', 'inspection.inspector', 'data.quarantine', 'data.name', 'stat.median', 'stat.standard', 'filter.office', 'col.office'];
    expect(same.filter((k) => !shared.includes(k))).toEqual([]);
  });
});

describe('numbers and times read as people expect', () => {
  it('times are shown in Almaty, including before the 2024 move from UTC+6 to UTC+5', () => {
    expect(withLang('ru', () => fmtDateTime('2024-02-28T04:00:00Z'))).toContain('10:00');
    expect(withLang('ru', () => fmtDateTime('2024-03-02T05:00:00Z'))).toContain('10:00');
  });
  it('a period [from, to) is shown with its inclusive last day', () => {
    expect(withLang('ru', () => fmtPeriod('2019-01-01', '2019-02-01'))).toMatch(/01\.01\.2019\s*–\s*31\.01\.2019/);
  });
  it('shares and changes follow each language’s conventions', () => {
    expect(withLang('ru', () => fmtShare(0.31))).toBe('31\u00a0%');
    expect(withLang('en', () => fmtShare(0.31))).toBe('31%');
    expect(withLang('en', () => fmtChange(0.12))).toBe('+12%');
  });
  it('published counts of 1–4 read <5, zero stays zero', () => {
    expect(fmtPublished(3)).toBe('<5');
    expect(fmtPublished(0)).toBe('0');
    expect(fmtCount(null, true)).toBe('<5');
    expect(fmtCount(3)).toBe('3');
    // The suppressed flag is per row: a row's large count still shows beside its hidden one.
    expect(fmtCount(120, true)).toBe('120');
  });
});

describe('roles see their own views', () => {
  it('press works in topics only; only the inspector acts on flags', () => {
    expect(ROLE_VIEWS.press).toEqual(['topics']);
    expect(canSee('press', 'compliance')).toBe(false);
    expect(canSee('department', 'data')).toBe(false);
    expect(canSee('admin', 'data')).toBe(true);
    expect(canActOnFlags('inspector')).toBe(true);
    expect(canActOnFlags('admin')).toBe(false);
  });
});
