/**
 * Tokens of a file name that are about the period or the export, never the office: numbers, month
 * names in Russian, Kazakh and English in any inflection, quarters ("Q1", "1 кв.", "IV тоқсан",
 * "I квартал"), years and report words. Tokens are folded (see fold-text.ts).
 */

const RU_MONTH = /^(январ|феврал|март|апрел|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-я]*$|^ма[йяею]$/;
/** Kazakh months, folded (қаңтар → кантар, сәуір → сауир, желтоқсан → желтоксан), with suffixes. */
const KK_MONTH = /^(кантар|акпан|наурыз|сауир|мамыр|маусым|шилде|тамыз|кыркуйек|казан|караша|желтоксан)[а-я]*$/;
const EN_MONTH = /^(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)$/;
const ROMAN = /^(i{1,3}|iv|vi{0,3}|ix|xi{0,2}|x)$/;

const NOISE_WORDS = new Set([
  // month abbreviations
  'янв', 'фев', 'мар', 'апр', 'авг', 'сен', 'сент', 'окт', 'ноя', 'нояб', 'дек',
  // quarters, halves, years, months as words
  'кв', 'квартал', 'квартала', 'квартале', 'токсан', 'токсаны', 'токсанга', 'токсандагы', 'quarter', 'qtr',
  'полугодие', 'полугодия', 'жартыжылдык', 'half', 'год', 'года', 'году', 'гг', 'жыл', 'жылы', 'жылгы',
  'year', 'месяц', 'месяца', 'ай', 'айы', 'month',
  'первый', 'второй', 'третий', 'четвертый', 'го', 'ый', 'ий', 'ой', 'ая', 'ое',
  'биринши', 'екинши', 'ушинши', 'тортинши', 'first', 'second', 'third', 'fourth', 'st', 'nd', 'rd', 'th',
  // export and report words
  'за', 'по', 'от', 'на', 'до', 'from', 'to', 'and', 'of', 'for', 'the',
  'отчет', 'отчета', 'журнал', 'журнала', 'выгрузка', 'выгрузки', 'экспорт', 'данные', 'реестр',
  'посещения', 'посещений', 'посетителей', 'визиты', 'визитов', 'копия', 'есеп', 'есеби', 'тизилим',
  'report', 'export', 'data', 'visits', 'visit', 'log', 'logs', 'journal', 'copy', 'final', 'new', 'old',
]);

/** True when a folded file-name token says nothing about the office. */
export function isFileNameNoise(token: string): boolean {
  if (token.length <= 1 || /^\d+$/.test(token)) return true;
  return NOISE_WORDS.has(token) || RU_MONTH.test(token) || KK_MONTH.test(token) || EN_MONTH.test(token)
    || ROMAN.test(token);
}
