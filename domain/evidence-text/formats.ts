import type { Lang } from '../labels.ts';

/** How evidence writes its numbers and days; the dashboard passes its own, the server Intl's for a language. */
export interface EvidenceFormats {
  /** A calendar day YYYY-MM-DD as the reader writes it: 23.04.2026. */
  day(day: string): string;
  int(n: number): string;
  /** Up to one decimal: 39, 6,5. */
  num(n: number): string;
  /** A share 0–1 as a percentage with up to one decimal: 31,1 %. */
  pct(share: number): string;
}

/** Locale per language: Kazakhstan's conventions for ru/kk, British English (day-month order) for en. */
export const LOCALES: Readonly<Record<Lang, string>> = { ru: 'ru-KZ', kk: 'kk-KZ', en: 'en-GB' };

/**
 * Whether this runtime has Kazakh locale data. Chromium's trimmed ICU has none (kk-KZ silently
 * becomes en-US: "11,711", "2026-10-01"); Kazakhstan writes numbers and numeric dates as ru-KZ
 * does, so that stands in there. Chromium lists kk among its locales but formats it with root data,
 * so the output itself is tested.
 */
export const KK_SUPPORTED = (() => {
  try {
    return new Intl.DateTimeFormat('kk-KZ', { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2020, 0, 15))) === 'қаңтар'
      && new Intl.NumberFormat('kk-KZ').format(1234.5) !== '1,234.5';
  } catch { return false; }
})();

/** The locale that formats a language's numbers and numeric dates in this runtime. */
export function formatLocale(lang: Lang): string {
  return lang === 'kk' && !KK_SUPPORTED ? LOCALES.ru : LOCALES[lang];
}

/** Evidence formats for a language from Intl, for text written outside the browser (exports). */
export function intlEvidenceFormats(lang: Lang): EvidenceFormats {
  const locale = formatLocale(lang);
  const int = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const num = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, minimumFractionDigits: 0 });
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const day = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' });
  return {
    day: (d) => day.format(new Date(`${d}T00:00:00Z`)),
    int: (n) => int.format(n),
    num: (n) => num.format(n),
    pct: (s) => pct.format(s),
  };
}
