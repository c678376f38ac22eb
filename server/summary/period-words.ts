import type { Lang } from '../../domain/labels.ts';
import { addDays } from '../../domain/calendar.ts';
import { calendarUnitOf } from '../../domain/disclosure.ts';
import { ablative, dative, locative } from './kazakh-suffixes.ts';

/**
 * A period [from, to) written as a person writes it inside a sentence: a day «2 декабря 2026 года»,
 * a month «в ноябре 2026 года», a quarter «во II квартале 2026 года», a year «в 2026 году», a range
 * «с 3 по 17 ноября 2026 года»; Kazakh «2026 жылғы қарашада», «2026 жылғы 3 қарашадан 17 қарашаға
 * дейін»; English «in November 2026», «on 2 December 2026».
 */
export type PeriodKind = 'day' | 'month' | 'quarter' | 'year' | 'range';

const RU_GEN = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];
const RU_PREP = ['январе', 'феврале', 'марте', 'апреле', 'мае', 'июне', 'июле', 'августе', 'сентябре', 'октябре', 'ноябре', 'декабре'];
const KK = ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'];
const EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const ROMAN = ['I', 'II', 'III', 'IV'];
const EN_ORD = ['first', 'second', 'third', 'fourth'];

interface Ymd { y: number; m: number; d: number }
const parts = (day: string): Ymd => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return { y, m: m - 1, d };
};

export function periodKind(from: string, to: string): PeriodKind {
  if (addDays(from, 1) === to) return 'day';
  return calendarUnitOf(from, to) ?? 'range';
}

/** The period as the adverbial of time: «в ноябре 2026 года», «2026 жылғы қарашада», «in November 2026». */
export function periodWhen(lang: Lang, from: string, to: string): string {
  const kind = periodKind(from, to);
  const a = parts(from);
  const b = parts(addDays(to, -1));
  const q = Math.floor(a.m / 3);
  if (lang === 'ru') {
    switch (kind) {
      case 'day': return `${a.d} ${RU_GEN[a.m]} ${a.y} года`;
      case 'month': return `в ${RU_PREP[a.m]} ${a.y} года`;
      // «во» before «II» (второй) only: во втором квартале.
      case 'quarter': return `${q === 1 ? 'во' : 'в'} ${ROMAN[q]} квартале ${a.y} года`;
      case 'year': return `в ${a.y} году`;
      case 'range':
        if (a.y !== b.y) return `с ${a.d} ${RU_GEN[a.m]} ${a.y} года по ${b.d} ${RU_GEN[b.m]} ${b.y} года`;
        if (a.m !== b.m) return `с ${a.d} ${RU_GEN[a.m]} по ${b.d} ${RU_GEN[b.m]} ${a.y} года`;
        return `с ${a.d} по ${b.d} ${RU_GEN[a.m]} ${a.y} года`;
    }
  }
  if (lang === 'kk') {
    switch (kind) {
      case 'day': return `${a.y} жылғы ${a.d} ${locative(KK[a.m] ?? '')}`;
      case 'month': return `${a.y} жылғы ${locative(KK[a.m] ?? '')}`;
      case 'quarter': return `${a.y} жылғы ${ROMAN[q]} ${locative('тоқсан')}`;
      case 'year': return `${a.y} жылы`;
      case 'range':
        if (a.y !== b.y) return `${a.y} жылғы ${a.d} ${ablative(KK[a.m] ?? '')} ${b.y} жылғы ${b.d} ${dative(KK[b.m] ?? '')} дейін`;
        return `${a.y} жылғы ${a.d} ${ablative(KK[a.m] ?? '')} ${b.d} ${dative(KK[b.m] ?? '')} дейін`;
    }
  }
  switch (kind) {
    case 'day': return `on ${a.d} ${EN[a.m]} ${a.y}`;
    case 'month': return `in ${EN[a.m]} ${a.y}`;
    case 'quarter': return `in the ${EN_ORD[q]} quarter of ${a.y}`;
    case 'year': return `in ${a.y}`;
    case 'range':
      if (a.y !== b.y) return `from ${a.d} ${EN[a.m]} ${a.y} to ${b.d} ${EN[b.m]} ${b.y}`;
      if (a.m !== b.m) return `from ${a.d} ${EN[a.m]} to ${b.d} ${EN[b.m]} ${a.y}`;
      return `from ${a.d} to ${b.d} ${EN[a.m]} ${a.y}`;
  }
}

/**
 * The compared period after "than" / «чем» / «...қарағанда»: «чем в октябре 2026 года»,
 * «2026 жылғы қазанға қарағанда», «than in October 2026»; a range is «the previous period».
 */
export function periodThan(lang: Lang, from: string, to: string): string {
  const kind = periodKind(from, to);
  const a = parts(from);
  const q = Math.floor(a.m / 3);
  if (lang === 'ru') return kind === 'range' ? 'чем за предыдущий период такой же длины' : `чем ${periodWhen('ru', from, to)}`;
  if (lang === 'kk') {
    switch (kind) {
      case 'day': return `${a.y} жылғы ${a.d} ${dative(KK[a.m] ?? '')} қарағанда`;
      case 'month': return `${a.y} жылғы ${dative(KK[a.m] ?? '')} қарағанда`;
      case 'quarter': return `${a.y} жылғы ${ROMAN[q]} ${dative('тоқсан')} қарағанда`;
      case 'year': return `${a.y} ${dative('жыл')} қарағанда`;
      case 'range': return `алдыңғы ${dative('кезең')} қарағанда`;
    }
  }
  return kind === 'range' ? 'than in the previous period of the same length' : `than ${periodWhen('en', from, to)}`;
}
