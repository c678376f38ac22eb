import type { Comparison, CoverageResponse } from '../../server/api/contract.ts';
import { fmtDay, fmtPeriod } from '../i18n/format.ts';
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

/** «RMB: нет данных с 22.10.2024». */
export function leftOutText(o: { office: string; reason: LeftOut['reason']; since: string | null }, name: (code: string) => string): string {
  if (o.reason === 'behind' && o.since) return t('coverage.behind', { office: name(o.office), day: fmtDay(o.since) });
  if (o.reason === 'no_data') return t('coverage.noData', { office: name(o.office) });
  return t('coverage.gap', { office: name(o.office) });
}

/** The change label of a KPI: against the previous period or the same one a year earlier. */
export function changeLabel(c: Comparison): string {
  return c.kind === 'year_ago' ? t('kpi.changeYear') : t('kpi.change');
}

/** «несопоставимо: <why>» */
export function incomparableText(c: Comparison): string {
  return `${t('cmp.incomparable')}: ${c.reason ? t(`cmp.reason.${c.reason}`) : ''}`;
}

/** The line under a page title: what is compared with what, over which offices, who is left out. */
export function comparisonNote(c: Comparison, name: (code: string) => string): HTMLElement {
  if (!c.comparable) return h('p', { className: 'note comparison-note', 'data-comparable': 'false' }, incomparableText(c));
  // Offices that never sent anything are named in the coverage stamp; here only those the change really drops.
  const dropped = c.offices_left_out.filter((o) => o.reason !== 'no_data');
  const parts = [t('cmp.with', { period: fmtPeriod(c.from, c.to) }), t('cmp.offices', { n: c.offices.length })];
  if (dropped.length) parts.push(t('cmp.leftOut', { list: dropped.map((o) => leftOutText(o, name)).join('; ') }));
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
