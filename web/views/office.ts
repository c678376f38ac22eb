import type { OfficePageResponse } from '../../server/api/contract.ts';
import { CATEGORIES, CATEGORY_LABELS, type Category } from '../../domain/categories.ts';
import { RULE_LABELS } from '../../domain/rules.ts';
import { getJson } from '../api.ts';
import { chartCard, plainCard } from '../charts/chart-card.ts';
import type { MountedChart } from '../charts/mount-chart.ts';
import { dayLines } from '../charts/options.ts';
import { fmtCount, fmtDateTime, fmtDay, fmtInt, fmtPeriod } from '../i18n/format.ts';
import { label } from '../i18n/lang.ts';
import { t } from '../i18n/t.ts';
import { officeLabel, officeName, regionLabel, type Cleanup, type ViewContext } from '../state/context.ts';
import { addDays, daysBetween } from '../state/period.ts';
import { hrefFor } from '../state/router.ts';
import { h } from '../ui/dom.ts';
import { fmtMonths } from './compliance/case-list.ts';
import { changeLabel, incomparableText, leftOutText, periodText } from '../ui/comparison.ts';
import { kpi, kpiRow } from '../ui/kpi.ts';
import { showError, showLoading } from '../ui/states.ts';
import { scrollTable } from '../ui/table.ts';
import { fmtVerdictValue, statusText } from './compliance/matrix.ts';
import { flagStatusChip } from './compliance/flag-panel.ts';
import { mixBars } from './topics/options.ts';
import { durationsCard, measureKpi } from './shared/durations-card.ts';
import { heatmapCard } from './shared/heatmap-card.ts';

type Daily = OfficePageResponse['daily'][number];
type Topic = OfficePageResponse['topics'][number];
const INSPECTION_FACTS = ['bars_on_windows', 'bars_on_doors', 'inside_secured_perimeter', 'phones_collected_at_entrance', 'guard_questions_visitors', 'signage_present'] as const;

/** Everything about one office in one place; without a code, the list of offices to choose from. */
export function render(ctx: ViewContext): Cleanup {
  const code = ctx.state.office;
  if (!code) { pickOffice(ctx); return () => undefined; }
  const charts: MountedChart[] = [];
  let alive = true;
  const load = async () => {
    showLoading(ctx.root);
    const q = { from: ctx.period.from, to: ctx.period.to, ...(ctx.query.compare ? { compare: ctx.query.compare } : {}) };
    // One request: the JSON answer holds every table the view draws (Arrow stays for downloads).
    const page = await getJson<OfficePageResponse>(`offices/${code}`, q);
    const daily: Daily[] = page.daily;
    const topics: Topic[] = page.topics;
    if (alive) draw(ctx, charts, page, daily, topics);
  };
  load().catch((e: unknown) => { if (alive) showError(ctx.root, e, () => void load()); });
  return () => { alive = false; charts.forEach((c) => c.destroy()); };
}

function pickOffice(ctx: ViewContext): void {
  ctx.root.replaceChildren(h('div', { className: 'page-head' }, h('h1', {}, t('office.pick'))),
    h('ul', { className: 'pill-list', id: 'office-list' }, ...ctx.registry.offices
      .filter((o) => !ctx.state.region || o.region === ctx.state.region)
      .map((o) => h('li', {}, h('a', { href: hrefFor({ view: 'office', office: o.code }) }, officeLabel(o))))));
}

function draw(ctx: ViewContext, charts: MountedChart[], p: OfficePageResponse, daily: Daily[], topics: Topic[]): void {
  const root = ctx.root;
  const cmp = ctx.state.cmp !== 'none';
  const c = p.comparison;
  const name = (code: string) => officeName(ctx.registry, code);
  const admission = p.durations?.find((d) => d.metric === 'admission_delay');
  const behind = p.coverage.status === 'behind' && p.coverage.behindSince
    ? h('p', { className: 'coverage-stamp', id: 'coverage-stamp' }, leftOutText({ office: p.office.code, reason: 'behind', since: p.coverage.behindSince }, name)) : null;
  root.replaceChildren(h('div', { className: 'page-head' },
    h('div', {}, h('h1', { id: 'office-title' }, officeLabel(p.office)),
      h('p', {}, `${regionLabel(ctx.registry, p.office.region)} · ${t('office.centre', { centre: p.office.centre })} · ${periodText(p)}`), behind)));
  const before = t(c.kind === 'year_ago' ? 'kpi.yearAgo' : 'kpi.previous', { n: fmtCount(p.totals.previous, p.totals.suppressed) })
    + (p.totals.compared !== p.totals.visits ? ` · ${t('kpi.comparedNow', { n: fmtCount(p.totals.compared, p.totals.suppressed) })}` : '');
  // No log covers the period: its counts are unknown, not zero (contract §8).
  const nothing = p.daily.length > 0 && p.daily.every((d) => !d.covered);
  const visits = nothing ? '—' : fmtCount(p.totals.visits, p.totals.suppressed);
  // A day no log covers is "no data", listed apart; "no records" are covered days without a visit.
  const uncovered = new Set(p.daily.filter((d) => !d.covered).map((d) => d.day));
  const silentDays = p.daysWithoutLogs.filter((d) => !uncovered.has(d));
  root.append(kpiRow(
    !cmp ? kpi(t('kpi.visits'), visits)
      : c.comparable ? kpi(t('kpi.visits'), visits, before, p.totals.change, changeLabel(c))
        : kpi(t('kpi.visits'), visits, incomparableText(c)),
    kpi(t('kpi.statements'), nothing ? '—' : fmtCount(p.totals.statements, p.totals.suppressed)),
    kpi(t('office.gaps'), nothing ? '—' : fmtInt(silentDays.length)),
    // Each measure against its own standard (contract §8), as on the Overview.
    ...(p.durations && !nothing ? [
      measureKpi(admission, 'admission_delay', 'p90'),
      measureKpi(p.durations.find((d) => d.metric === 'application_time'), 'application_time', 'p90'),
    ] : []),
  ));
  const grid = h('div', { className: 'grid' });
  root.append(grid);
  const slot = (cls: string) => { const el = h('div', { className: cls }); grid.append(el); return el; };

  if (nothing) {
    // Nothing received for the period: one plain statement instead of empty axes (contract §8).
    plainCard(slot('span-12'), t('office.volumes'), null, h('p', { id: 'office-no-data' }, p.coverage.behindSince
      ? leftOutText({ office: p.office.code, reason: 'behind', since: p.coverage.behindSince }, name) : t('coverage.noDataStatus')));
  } else {
    const days = Array.from({ length: daysBetween(p.period.from, p.period.to) }, (_, i) => addDays(p.period.from, i));
    charts.push(chartCard(slot('span-8'), {
      title: t('office.volumes'), height: 300,
      option: () => dayLines(days, [{ name: officeLabel(p.office), days: daily.map((d) => d.day), values: daily.map((d) => d.visits), emphasis: true }], (d) => fmtDay(d).slice(0, 5),
        { uncovered, noData: t('state.noData') }),
      summary: `${t('office.volumes')}: ${fmtCount(p.totals.visits, p.totals.suppressed)}`,
      table: { head: [t('col.day'), t('col.visits')], numeric: [1], rows: daily.map((d) => [fmtDay(d.day), fmtCount(d.visits, d.suppressed)]) },
    }).chart);

    const total = topics.reduce((a, r) => a + (r.visits ?? 0), 0);
    const cat = (c: string): Category => ((CATEGORIES as readonly string[]).includes(c) ? (c as Category) : 'unspecified');
    charts.push(chartCard(slot('span-4'), {
      title: t('office.topics'), height: 300,
      option: () => mixBars(topics.map((r) => ({ category: cat(r.category), share: r.visits === null || total === 0 ? null : r.visits / total })), t('col.share')),
      summary: `${t('office.topics')}: ${topics.length}`,
      table: { head: [t('col.category'), t('col.visits')], numeric: [1], rows: topics.map((r) => [label(CATEGORY_LABELS[cat(r.category)]), fmtCount(r.visits, r.suppressed)]) },
    }).chart);
    // The same card as the Overview's: averages per covered weekday; press gets no hourly detail.
    if (p.heatmap.length) charts.push(heatmapCard(slot('span-12'), p.heatmap));
    if (p.durations) charts.push(durationsCard(slot('span-6'), p.durations, 280));
  }
  if (p.compliance) {
    plainCard(slot('span-6'), t('office.compliance'), null, scrollTable({
      caption: t('office.compliance'), hiddenCaption: true, head: [t('flag.rule'), t('col.status'), t('col.value'), t('col.threshold')], numeric: [2, 3],
      rows: p.compliance.map((v) => [label(RULE_LABELS[v.rule]), h('span', { className: `chip chip-${v.status}` }, statusText(v)), fmtVerdictValue(v), fmtVerdictValue({ rule: v.rule, value: v.threshold })]),
    }));
  }
  if (p.coverage.uncovered.length) {
    plainCard(slot('span-6'), t('office.noDataDays'), null, h('ul', { className: 'pill-list', id: 'uncovered-days' },
      ...p.coverage.uncovered.map((u) => h('li', {}, h('span', {}, u.from === u.to ? fmtDay(u.from) : fmtPeriod(u.from, addDays(u.to, 1)))))));
  }
  // Without any log for the period there is nothing to say about records: never «records every day».
  plainCard(slot('span-6'), t('office.gaps'), null, nothing ? h('p', { className: 'note' }, t('coverage.noDataStatus'))
    : silentDays.length === 0 ? h('p', {}, t('office.gapsNone'))
    : h('ul', { className: 'pill-list', id: 'gap-days' }, ...silentDays.map((d) => h('li', {}, h('span', {}, fmtDay(d))))));
  if (p.flags) {
    plainCard(slot('span-6'), t('office.flags'), null, p.flags.length === 0 ? h('p', { className: 'note' }, t('compliance.flagsEmpty')) : scrollTable({
      caption: t('office.flags'), hiddenCaption: true, head: [t('flag.rule'), t('flag.month'), t('col.value'), t('flag.status'), t('flag.deadline')],
      rows: p.flags.map((f) => [label(RULE_LABELS[f.rule]), fmtMonths(f.months), fmtVerdictValue(f), flagStatusChip(f.status), f.deadline ? fmtDay(f.deadline) : '—']),
    }));
  }
  if (p.inspections) {
    const yn = (v: boolean | null) => (v === null ? t('unknown') : v ? t('yes') : t('no'));
    plainCard(slot('span-12'), t('office.inspections'), null, p.inspections.length === 0 ? h('p', { className: 'note' }, t('office.inspectionsEmpty')) : scrollTable({
      caption: t('office.inspections'), hiddenCaption: true,
      head: [t('inspection.date'), t('inspection.inspector'), ...INSPECTION_FACTS.map((f) => t(`inspection.${f}` as const)), t('inspection.notes')],
      rows: p.inspections.map((i) => [fmtDateTime(i.inspectedAt), i.inspector, ...INSPECTION_FACTS.map((f) => yn(i[f])), i.notes]),
    }));
  }
}

