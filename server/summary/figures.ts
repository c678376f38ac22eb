import { CATEGORY_LABELS } from '../../domain/categories.ts';
import { METHOD_NOTE } from '../../domain/disclosure.ts';
import type { Lang } from '../../domain/labels.ts';
import { largestRemainder } from '../../domain/largest-remainder.ts';
import type { OfficeRow, RegionRow } from '../../sql/schema.ts';
import type { SummaryFigures, TopicsResponse } from '../api/contract.ts';
import { share } from '../respond/suppress.ts';
import { periodWhen } from './period-words.ts';

export const SOURCE_LINE: Readonly<Record<Lang, string>> = {
  ru: 'Источник: журналы посещений фронт-офисов полиции, система «Витрина».',
  kk: 'Дереккөз: полиция фронт-офистерінің келушілер журналдары, «Витрина» жүйесі.',
  en: 'Source: visit logs of the police front offices, Vitrina.',
};

const TITLE: Readonly<Record<Lang, string>> = { ru: 'С чем обращались в полицию', kk: 'Полицияға немен жүгінді', en: 'What people came to the police about' };

export const nameIn = (lang: Lang, row: { name_ru: string; name_kk: string; name_en: string }): string =>
  lang === 'ru' ? row.name_ru : lang === 'kk' ? row.name_kk : row.name_en;

/**
 * The figures of the summary, read off the Topics answer the same role gets (so page, text and
 * downloads agree): the total, and each category with its share of the total and a whole percent.
 * Percent labels use largest-remainder rounding over the shown categories plus one bucket for the
 * hidden ones (the published total minus the shown cells, never below 0), so they add up to 100.
 */
export function summaryFigures(lang: Lang, topics: TopicsResponse, scope: { office: OfficeRow | null; region: RegionRow | null }, isProtected: boolean): SummaryFigures {
  const present = topics.categories.filter((c) => c.visits !== 0).sort((a, b) => (b.visits ?? 0) - (a.visits ?? 0));
  const shown = present.filter((c) => c.visits !== null);
  const anyHidden = present.some((c) => c.visits === null);
  const shownSum = shown.reduce((a, c) => a + (c.visits ?? 0), 0);
  const hidden = anyHidden ? Math.max(0, (topics.total ?? 0) - shownSum) : 0;
  const percents = largestRemainder([...shown.map((c) => c.visits ?? 0), ...(anyHidden ? [hidden] : [])]);
  const percentOf = new Map(shown.map((c, i) => [c.category, percents[i] ?? 0]));
  return {
    lang,
    period: topics.period,
    periodText: periodWhen(lang, topics.period.from, topics.period.to),
    office: scope.office?.code ?? null,
    region: scope.office ? scope.office.region_code : scope.region?.code ?? null,
    scope: scope.office ? nameIn(lang, scope.office) : scope.region ? nameIn(lang, scope.region) : '',
    protected: isProtected,
    total: topics.total,
    totalSuppressed: topics.total === null,
    categories: present.map((c) => ({
      category: c.category,
      name: CATEGORY_LABELS[c.category][lang],
      visits: c.visits,
      suppressed: c.visits === null,
      share: share(c.visits, topics.total),
      percent: percentOf.get(c.category) ?? null,
    })),
    hiddenPercent: anyHidden ? (percents.at(-1) ?? 0) : null,
    method: isProtected ? METHOD_NOTE[lang] : null,
    source: SOURCE_LINE[lang],
    title: TITLE[lang],
  };
}
