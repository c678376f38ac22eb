import type { Comparison, CoverageResponse } from '../../server/api/contract.ts';
import { fmtDay, fmtPeriod } from '../i18n/format.ts';
import { getLang } from '../i18n/lang.ts';
import { t } from '../i18n/t.ts';
import { h } from './dom.ts';

/**
 * How a period and its comparison read (contract §8): an unfinished period says "to date", a change
 * names the offices it leaves out, and where nothing is comparable only «несопоставимо» and why.
 */

type LeftOut = Comparison['offices_left_out'][number];

/** «01.12–06.12.2024, по сей день» for a period cut at completeTo. */
export function periodText(p: { period: { from: string; to: string }; unfinished: boolean }): string {
  return `${fmtPeriod(p.period.from, p.period.to)}${p.unfinished ? `, ${t('period.toDate')}` : ''}`;
}

/** «RMB: данные только по 22.10.2024» (its last covered day: «нет данных с» would read as one day too early); with `days`, a gap says how many days it misses. */
export function leftOutText(o: { office: string; reason: LeftOut['reason']; since: string | null; days?: number }, name: (code: string) => string): string {
  if (o.reason === 'behind' && o.since) return t('coverage.behind', { office: name(o.office), day: fmtDay(o.since) });
  if (o.reason === 'no_data') return t('coverage.noData', { office: name(o.office) });
  if (o.days !== undefined) return t('coverage.gapDays', { office: name(o.office), days: fmtDays(o.days) });
  return t('coverage.gap', { office: name(o.office) });
}

/** «2 дня», «5 дней» in the interface language. */
function fmtDays(n: number): string {
  const form = new Intl.PluralRules(getLang()).select(n);
  return t(form === 'one' ? 'coverage.dayOne' : form === 'few' ? 'coverage.dayFew' : 'coverage.dayMany', { n });
}

/** The change label of a KPI: against the previous period or the same one a year earlier. */
export function changeLabel(c: Comparison): string {
  return c.kind === 'year_ago' ? t('kpi.changeYear') : t('kpi.change');
}

/** «несопоставимо: <why>»; for one office (its page, or the filter on it) why in its own words, not «ни по одному офису». */
export function incomparableText(c: Comparison): string {
  const one = c.offices.length + c.offices_left_out.length === 1;
  return `${t('cmp.incomparable')}: ${c.reason ? t(one ? `cmp.reasonOne.${c.reason}` : `cmp.reason.${c.reason}`) : ''}`;
}

/** The line under a page title: what is compared with what, over which offices, who is left out. */
export function comparisonNote(c: Comparison, name: (code: string) => string): HTMLElement {
  if (!c.comparable) return h('p', { className: 'note comparison-note', 'data-comparable': 'false' }, incomparableText(c));
  // Behind offices by name; offices with a gap in either period as a count (the no-data card names them).
  const behind = c.offices_left_out.filter((o) => o.reason === 'behind');
  const gaps = c.offices_left_out.filter((o) => o.reason === 'not_covered').length;
  const parts = [t('cmp.with', { period: fmtPeriod(c.from, c.to) }), t('cmp.offices', { n: c.offices.length })];
  const named = [...behind.map((o) => leftOutText(o, name)), ...(gaps ? [t('cmp.gaps', { n: gaps })] : [])];
  if (named.length) parts.push(t('cmp.leftOut', { list: named.join('; ') }));
  return h('p', { className: 'note comparison-note', 'data-comparable': 'true' }, parts.join(' · '));
}

/** «Данные полны по 06.12.2024 · 19 из 20 офисов», and which offices are behind since when. */
export function coverageStamp(cov: CoverageResponse, offices: readonly string[], name: (code: string) => string): HTMLElement {
  if (cov.completeTo === null) return h('p', { className: 'coverage-stamp', id: 'coverage-stamp' }, t('coverage.none'));
  const mine = cov.offices.filter((o) => offices.includes(o.office));
  const active = mine.filter((o) => o.status === 'active').length;
  const behind = mine.filter((o) => o.status === 'behind');
  return h('p', { className: 'coverage-stamp', id: 'coverage-stamp' },
    h('strong', {}, t('coverage.stamp', { day: fmtDay(cov.completeTo), n: active, total: mine.length })),
    ...behind.map((o) => h('span', { className: 'coverage-behind' }, ` · ${leftOutText({ office: o.office, reason: 'behind', since: o.behindSince }, name)}`)));
}
