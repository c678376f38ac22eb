import type { Outcome } from '../../domain/visit-codes.ts';

/** How offices write values by hand or in their exports: yes/no words, outcomes, month names. */

export type BoolStyle = 'да/нет' | 'иә/жоқ' | '+/-' | '1/0' | 'true/false';

export function boolText(style: BoolStyle, value: boolean): string {
  const [yes, no] = style.split('/') as [string, string];
  return value ? yes : no;
}

export type OutcomeStyle = 'ru' | 'ru-lower' | 'kk' | 'code';

const OUTCOME_TEXT: Readonly<Record<Exclude<OutcomeStyle, 'code'>, Readonly<Record<Outcome, string>>>> = {
  ru: { consultation: 'Консультация', statement_accepted: 'Заявление принято', referred: 'Направлен', refused: 'Отказано' },
  'ru-lower': { consultation: 'консультация', statement_accepted: 'заявление принято', referred: 'направлен', refused: 'отказано' },
  kk: { consultation: 'Кеңес берілді', statement_accepted: 'Өтініш қабылданды', referred: 'Жіберілді', refused: 'Бас тартылды' },
};

export function outcomeText(style: OutcomeStyle, outcome: Outcome | null): string {
  if (outcome === null) return '';
  return style === 'code' ? outcome : OUTCOME_TEXT[style][outcome];
}

export const MONTHS_RU = [
  'январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь',
] as const;
export const MONTHS_KK = [
  'Қаңтар', 'Ақпан', 'Наурыз', 'Сәуір', 'Мамыр', 'Маусым', 'Шілде', 'Тамыз', 'Қыркүйек', 'Қазан', 'Қараша', 'Желтоқсан',
] as const;
export const ROMAN_QUARTERS = ['I', 'II', 'III', 'IV'] as const;

// Windows-1251 has no ә ғ қ ң ө ұ ү һ і: offices that export in it type these look-alikes instead.
const CP1251_LOOKALIKE: Readonly<Record<string, string>> = {
  ә: 'а', Ә: 'А', ғ: 'г', Ғ: 'Г', қ: 'к', Қ: 'К', ң: 'н', Ң: 'Н', ө: 'о', Ө: 'О', ұ: 'у', Ұ: 'У', ү: 'у', Ү: 'У',
  һ: 'h', Һ: 'H', і: 'и', І: 'И',
};
const KAZAKH_LETTERS = /[әӘғҒқҚңҢөӨұҰүҮһҺіІ]/g;

export function toCp1251Lookalikes(text: string): string {
  return text.replace(KAZAKH_LETTERS, (ch) => CP1251_LOOKALIKE[ch] ?? ch);
}

export const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));
export const pad3 = (n: number): string => String(n).padStart(3, '0');

/** 'DD.MM.YYYY' of a 'YYYY-MM-DD'. */
export function dottedDate(iso: string): string {
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}
