import { describe, expect, it } from 'vitest';
import type { SummaryFigures } from '../../../server/api/contract.ts';
import { ablative, dative, locative } from '../../../server/summary/kazakh-suffixes.ts';
import { periodThan, periodWhen } from '../../../server/summary/period-words.ts';
import { writeSummary as write } from '../../../server/summary/write-summary.ts';
import { calendarUnitOf, previousPeriod, protect } from '../../../domain/disclosure.ts';
import { largestRemainder } from '../../../domain/largest-remainder.ts';

describe('Kazakh case endings follow vowel harmony and the last sound', () => {
  const months = ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'];
  it('locative (жатыс септік): -да/-де after vowels and voiced sounds, -та/-те after voiceless', () => {
    expect(months.map(locative)).toEqual(['қаңтарда', 'ақпанда', 'наурызда', 'сәуірде', 'мамырда', 'маусымда', 'шілдеде', 'тамызда',
      'қыркүйекте', 'қазанда', 'қарашада', 'желтоқсанда']);
    expect(locative('тоқсан')).toBe('тоқсанда');
  });
  it('ablative (шығыс септік): -нан/-нен after м н ң, -тан/-тен after voiceless, else -дан/-ден', () => {
    expect(months.map(ablative)).toEqual(['қаңтардан', 'ақпаннан', 'наурыздан', 'сәуірден', 'мамырдан', 'маусымнан', 'шілдеден', 'тамыздан',
      'қыркүйектен', 'қазаннан', 'қарашадан', 'желтоқсаннан']);
  });
  it('dative (барыс септік): -ға/-ге, -қа/-ке after voiceless', () => {
    expect(months.map(dative)).toEqual(['қаңтарға', 'ақпанға', 'наурызға', 'сәуірге', 'мамырға', 'маусымға', 'шілдеге', 'тамызға',
      'қыркүйекке', 'қазанға', 'қарашаға', 'желтоқсанға']);
    expect([dative('жыл'), dative('тоқсан'), dative('кезең')]).toEqual(['жылға', 'тоқсанға', 'кезеңге']);
  });
});

describe('a period is written as a person writes it', () => {
  it.each([
    ['2026-12-02', '2026-12-03', '2 декабря 2026 года', '2026 жылғы 2 желтоқсанда', 'on 2 December 2026'],
    ['2026-11-01', '2026-12-01', 'в ноябре 2026 года', '2026 жылғы қарашада', 'in November 2026'],
    ['2026-09-01', '2026-10-01', 'в сентябре 2026 года', '2026 жылғы қыркүйекте', 'in September 2026'],
    ['2026-04-01', '2026-07-01', 'во II квартале 2026 года', '2026 жылғы II тоқсанда', 'in the second quarter of 2026'],
    ['2026-07-01', '2026-10-01', 'в III квартале 2026 года', '2026 жылғы III тоқсанда', 'in the third quarter of 2026'],
    ['2026-01-01', '2027-01-01', 'в 2026 году', '2026 жылы', 'in 2026'],
    ['2026-11-03', '2026-11-18', 'с 3 по 17 ноября 2026 года', '2026 жылғы 3 қарашадан 17 қарашаға дейін', 'from 3 to 17 November 2026'],
    ['2026-11-03', '2026-12-18', 'с 3 ноября по 17 декабря 2026 года', '2026 жылғы 3 қарашадан 17 желтоқсанға дейін', 'from 3 November to 17 December 2026'],
    ['2025-12-15', '2026-01-11', 'с 15 декабря 2025 года по 10 января 2026 года', '2025 жылғы 15 желтоқсаннан 2026 жылғы 10 қаңтарға дейін', 'from 15 December 2025 to 10 January 2026'],
  ])('[%s, %s)', (from, to, ru, kk, en) => {
    expect([periodWhen('ru', from, to), periodWhen('kk', from, to), periodWhen('en', from, to)]).toEqual([ru, kk, en]);
  });
  it('the compared period: «чем в октябре 2026 года», «2026 жылғы қазанға қарағанда», "than in October 2026"', () => {
    expect(periodThan('ru', '2026-10-01', '2026-11-01')).toBe('чем в октябре 2026 года');
    expect(periodThan('kk', '2026-10-01', '2026-11-01')).toBe('2026 жылғы қазанға қарағанда');
    expect(periodThan('en', '2026-10-01', '2026-11-01')).toBe('than in October 2026');
    expect(periodThan('kk', '2025-01-01', '2026-01-01')).toBe('2025 жылға қарағанда');
    expect(periodThan('kk', '2026-10-20', '2026-11-03')).toBe('алдыңғы кезеңге қарағанда');
  });
});

describe('disclosure method basics', () => {
  it('protect: 0 stays 0, 1–4 hidden, the rest rounded to the nearest 5', () => {
    expect([0, 1, 4, 5, 7, 8, 12, 13, 1234].map(protect)).toEqual([0, null, null, 5, 5, 10, 10, 15, 1235]);
  });
  it('press periods are whole months, quarters and years; the previous one is the previous unit', () => {
    expect(calendarUnitOf('2026-11-01', '2026-12-01')).toBe('month');
    expect(calendarUnitOf('2026-10-01', '2027-01-01')).toBe('quarter');
    expect(calendarUnitOf('2026-01-01', '2027-01-01')).toBe('year');
    expect(calendarUnitOf('2026-02-01', '2026-05-01')).toBeNull();
    expect(calendarUnitOf('2026-11-02', '2026-12-02')).toBeNull();
    expect(previousPeriod({ from: '2026-01-01', to: '2026-04-01' })).toEqual({ from: '2025-10-01', to: '2026-01-01' });
    expect(previousPeriod({ from: '2026-03-01', to: '2026-04-01' })).toEqual({ from: '2026-02-01', to: '2026-03-01' });
    expect(previousPeriod({ from: '2026-11-03', to: '2026-11-18' })).toEqual({ from: '2026-10-19', to: '2026-11-03' });
  });
  it('largest remainder: whole percents that add up to 100 (33/33/33 → 34/33/33)', () => {
    expect(largestRemainder([1, 1, 1])).toEqual([34, 33, 33]);
    expect(largestRemainder([17, 17, 66]).reduce((a, b) => a + b)).toBe(100);
    expect(largestRemainder([0, 0])).toEqual([0, 0]);
    const r = largestRemainder([123, 456, 789, 5, 10, 15]);
    expect(r.reduce((a, b) => a + b)).toBe(100);
  });
});

/** Intl writes no-break spaces in numbers and percents (1 235, 62 %); the expectations use plain ones. */
const writeSummary = (...a: Parameters<typeof write>) => write(...a).replace(/[\u00a0\u202f]/g, ' ');

function figures(lang: 'ru' | 'kk' | 'en', over: Partial<SummaryFigures> = {}): SummaryFigures {
  return {
    lang, period: { from: '2026-11-01', to: '2026-12-01' }, periodText: periodWhen(lang, '2026-11-01', '2026-12-01'),
    office: null, region: 'almaty-oblast', scope: 'X', protected: false, total: 21, totalSuppressed: false,
    categories: [
      { category: 'migration', name: 'M', visits: 13, suppressed: false, share: 13 / 21, percent: 62 },
      { category: 'fraud', name: 'F', visits: 8, suppressed: false, share: 8 / 21, percent: 38 },
    ],
    hiddenPercent: null, method: null, source: 'S', title: 'T', ...over,
  };
}

describe('the summary sentences', () => {
  it('Russian agrees the noun with the number (Intl.PluralRules): 21 обращение, 22 обращения, 25 обращений; «около» takes the genitive', () => {
    expect(writeSummary(figures('ru'), null)).toMatch(/^X: в ноябре 2026 года зарегистрировано 21 обращение\./);
    expect(writeSummary(figures('ru', { total: 22 }), null)).toContain('зарегистрировано 22 обращения.');
    expect(writeSummary(figures('ru', { total: 25 }), null)).toContain('зарегистрировано 25 обращений.');
    expect(writeSummary(figures('ru', { total: 1235, protected: true }), null)).toContain('зарегистрировано около 1 235 обращений.');
    expect(writeSummary(figures('en', { total: 1 }), null)).toMatch(/^X: 1 visit in November 2026\./);
    expect(writeSummary(figures('en', { total: 2 }), null)).toMatch(/^X: 2 visits in November 2026\./);
  });
  it('«большинство» / «көпшілігі» / "most" only above 50 %', () => {
    expect(writeSummary(figures('ru'), null)).toContain('Большинство посетителей (62 %) обращались по вопросам миграции; далее — по поводу мошенничества (38 %).');
    expect(writeSummary(figures('kk'), null)).toContain('Келушілердің көпшілігі (62%) көші-қон мәселелері бойынша жүгінді, одан кейін — алаяқтық бойынша (38%).');
    expect(writeSummary(figures('en'), null)).toContain('Most visits (62%) concerned migration, followed by fraud (38%).');
    const half = figures('en', { total: 20, categories: [
      { category: 'migration', name: 'M', visits: 10, suppressed: false, share: 0.5, percent: 50 },
      { category: 'fraud', name: 'F', visits: 10, suppressed: false, share: 0.5, percent: 50 },
    ] });
    expect(writeSummary(half, null)).toContain('The most common topics were migration (50%) and fraud (50%).');
    expect(writeSummary(half, null)).not.toMatch(/Most/);
    expect(writeSummary({ ...half, lang: 'ru' }, null)).toContain('Чаще всего обращались по вопросам миграции (50 %) и по поводу мошенничества (50 %).');
    expect(writeSummary({ ...half, lang: 'ru' }, null)).not.toMatch(/Большинство/);
  });
  it('a hidden total reads «менее 5», a zero «не зарегистрировано»', () => {
    expect(writeSummary(figures('ru', { total: null, totalSuppressed: true, categories: [] }), null)).toBe('X: в ноябре 2026 года зарегистрировано менее 5 обращений.');
    expect(writeSummary(figures('kk', { total: 0, categories: [] }), null)).toBe('X: 2026 жылғы қарашада жүгіну тіркелмеді.');
    expect(writeSummary(figures('en', { total: 0, categories: [] }), null)).toBe('X: no visits were recorded in November 2026.');
  });
  it('offices whose logs do not cover the period are named last: a count of the logs received is not read as everyone\'s', () => {
    const gaps = [{ name: 'R', reason: 'behind' as const, since: '2026-10-22' }, { name: 'A', reason: 'no_data' as const, since: null }, { name: 'G', reason: 'not_covered' as const, since: null }];
    expect(writeSummary(figures('ru'), null, [], gaps)).toMatch(/\. Журналы получены не за весь период: R \(только по 22\.10\.2026\), A \(не поступали\), G \(с пропусками\)\.$/);
    expect(writeSummary(figures('kk'), null, [], gaps)).toMatch(/\. Журналдар кезеңнің толығына түспеген: R \(22\.10\.2026 дейін ғана\), A \(түспеген\), G \(үзілістермен\)\.$/);
    expect(writeSummary(figures('en'), null, [], gaps)).toMatch(/\. Logs do not cover the whole period for R \(only up to 22\/10\/2026\), A \(none received\), G \(with gaps\)\.$/);
    expect(writeSummary(figures('ru', { total: 0, categories: [] }), null, [], gaps.slice(0, 1))).toBe('X: в ноябре 2026 года обращений не зарегистрировано. Журналы получены не за весь период: R (только по 22.10.2026).');
    expect(writeSummary(figures('ru'), null)).not.toMatch(/Журналы получены/);
  });
});
