import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../sql/domain/categories.ts';
import { LANGS } from '../../sql/domain/labels.ts';
import { TOPIC_PHRASES, writeSummary } from '../../web/views/topics/summary.ts';

const base = { period: '01.01.2019 – 31.01.2019', change: '+12 %', top: [
  { category: 'migration' as const, share: '31 %' }, { category: 'administrative' as const, share: '22 %' }, { category: 'theft' as const, share: '9 %' },
] };

describe('the publish summary is written from the numbers', () => {
  it('in Russian it names the top topics with their shares and agrees the noun with the number', () => {
    const text = writeSummary('ru', { ...base, scope: 'Алматинская область', total: '1 234', count: 1234 });
    expect(text).toBe('Алматинская область: за период 01.01.2019 – 31.01.2019 — 1 234 обращения (+12 % к предыдущему периоду). '
      + 'Чаще всего обращались по вопросам миграции (31 %) и по административным вопросам (22 %), реже — по поводу краж и грабежей (9 %).');
    expect(writeSummary('ru', { ...base, scope: 'X', total: '21', count: 21, change: null })).toContain('21 обращение.');
    expect(writeSummary('ru', { ...base, scope: 'X', total: '25', count: 25, change: null })).toContain('25 обращений.');
  });
  it('in Kazakh and English it reads as written by a person', () => {
    expect(writeSummary('kk', { ...base, scope: 'Алматы облысы', total: '1 234', count: 1234 })).toBe(
      'Алматы облысы: 01.01.2019 – 31.01.2019 аралығында 1 234 жүгіну тіркелді (алдыңғы кезеңмен салыстырғанда +12 %). '
      + 'Көбінесе көші-қон мәселелері бойынша (31 %) және әкімшілік мәселелер бойынша (22 %) жүгінді, одан кейін — ұрлық пен тонау бойынша (9 %).');
    expect(writeSummary('en', { ...base, scope: 'Almaty oblast', total: '1,234', count: 1234 })).toBe(
      'Almaty oblast: 1,234 visits in 01.01.2019 – 31.01.2019 (+12 % on the previous period). '
      + 'Most visitors asked about migration (31 %) and administrative matters (22 %), followed by theft and robbery (9 %).');
  });
  it('a suppressed total is published as <5 and nothing else leaks', () => {
    const text = writeSummary('ru', { ...base, scope: 'Сарканский РОП', total: '<5', count: null, change: null, top: [] });
    expect(text).toBe('Сарканский РОП: за период 01.01.2019 – 31.01.2019 — <5 обращений.');
  });
  it('every category has a phrase in every language', () => {
    for (const c of CATEGORIES) for (const l of LANGS) expect(TOPIC_PHRASES[c][l].length).toBeGreaterThan(2);
  });
});
