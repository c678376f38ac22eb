import type { CoverageResponse, DurationStats, OverviewResponse } from '../../server/api/contract.ts';
import { getJson } from '../api.ts';
import { chartCard, plainCard } from '../charts/chart-card.ts';
import type { MountedChart } from '../charts/mount-chart.ts';
import { officeMap, type MapPoint } from '../charts/office-map.ts';
import { rankedBars } from '../charts/options.ts';
import { fmtCount, fmtInt, fmtPeriod } from '../i18n/format.ts';
import { t } from '../i18n/t.ts';
import { officeName, shortOfficeName, type Cleanup, type ViewContext } from '../state/context.ts';
import { hrefFor, navigate } from '../state/router.ts';
import { h } from '../ui/dom.ts';
import { changeLabel, comparisonNote, coverageStamp, incomparableText, leftOutText, periodText } from '../ui/comparison.ts';
import { kpi, kpiRow } from '../ui/kpi.ts';
import { emptyState, fillWhenReady } from '../ui/states.ts';
import { drawLines } from './overview/lines.ts';
import { durationsCard, measureKpi } from './shared/durations-card.ts';
import { heatmapCard } from './shared/heatmap-card.ts';

type PerOffice = OverviewResponse['perOffice'][number];
type Daily = OverviewResponse['daily'][number];
type Heat = OverviewResponse['heatmap'][number];

/**
 * Department overview: volumes now vs before, per office, over time, by hour, waiting times, the
 * map, all from one answer.
 */
export function render(ctx: ViewContext): Cleanup {
  const charts: MountedChart[] = [];
  let alive = true;
  const isAlive = () => alive;
  const q = ctx.query;
  const cmp = ctx.state.cmp !== 'none';
  const name = (code: string) => officeName(ctx.registry, code);
  // One request for the view: the JSON answer holds every table it draws, the coverage stamp and the
  // map's compliance standing (Arrow stays for downloads).
  const summary = getJson<OverviewResponse>('overview', q);
  const daily: Promise<Daily[]> = summary.then((s) => s.daily);
  const heat: Promise<Heat[]> = summary.then((s) => s.heatmap);
  const coverage: Promise<CoverageResponse> = summary.then((s) => s.coverage);

  const previous = h('span', {});
  const periodLine = h('span', {}, fmtPeriod(ctx.period.from, ctx.period.to));
  const stamp = h('div', {});
  const cmpNote = h('div', {});
  const kpis = h('div', {});
  const grid = h('div', { className: 'grid' });
  const slot = (cls: string) => { const el = h('div', { className: cls }); grid.append(el); return el; };
  ctx.root.replaceChildren(h('div', { className: 'page-head' },
    h('div', {}, h('h1', {}, t('overview.title')), h('p', {}, periodLine, previous))), stamp, kpis, cmpNote, grid);
  const scopeOffices = ctx.registry.offices.filter((o) => (!ctx.state.region || o.region === ctx.state.region) && (!ctx.state.office || o.code === ctx.state.office)).map((o) => o.code);
  void coverage.then((c) => { if (alive) stamp.replaceChildren(coverageStamp(c, scopeOffices, name)); }, () => undefined);
  const barsSlot = slot('span-7');
  const mapSlot = slot('span-5');
  const linesSlot = slot('span-12');
  const heatSlot = slot('span-8');
  const silentSlot = slot('span-4');
  const durSlot = slot('span-12');

  fillWhenReady(kpis, summary, isAlive, (s) => {
    periodLine.textContent = periodText(s);
    const c = s.comparison;
    if (cmp) previous.textContent = ` · ${c.kind === 'year_ago' ? t('period.yearAgo') : t('period.previous')}: ${fmtPeriod(s.previous.from, s.previous.to)}`;
    if (cmp) cmpNote.replaceChildren(comparisonNote(c, name));
    const measure = (m: DurationStats['metric']) => s.durations?.find((d) => d.metric === m);
    // Like for like (contract §8): the change and the count it is set against cover the same offices.
    const before = t(c.kind === 'year_ago' ? 'kpi.yearAgo' : 'kpi.previous', { n: fmtCount(s.totals.previous, s.totals.suppressed) })
      + (s.totals.compared !== s.totals.visits ? ` · ${t('kpi.comparedNow', { n: fmtCount(s.totals.compared, s.totals.suppressed) })}` : '');
    kpis.replaceChildren(kpiRow(
      !cmp ? kpi(t('kpi.visits'), fmtCount(s.totals.visits, s.totals.suppressed))
        : c.comparable ? kpi(t('kpi.visits'), fmtCount(s.totals.visits, s.totals.suppressed), before, s.totals.change, changeLabel(c))
          : kpi(t('kpi.visits'), fmtCount(s.totals.visits, s.totals.suppressed), incomparableText(c)),
      kpi(t('kpi.statements'), fmtCount(s.totals.statements, s.totals.suppressed)),
      kpi(t('kpi.silent'), fmtInt(s.silentOffices.length)),
      // Each measure against its own standard (contract §8), by the statistic its rule judges: the
      // p90 of admission delay against 5 min (no_pass_delay), of a statement against 20 min
      // (application_time), so the figure here is the one the compliance page shows; waiting has none.
      ...(s.durations ? [
        measureKpi(measure('admission_delay'), 'admission_delay', 'p90'),
        measureKpi(measure('application_time'), 'application_time', 'p90'),
        measureKpi(measure('wait_time'), 'wait_time', 'median'),
      ] : [])));
    if ((s.totals.visits ?? 0) === 0 && !s.totals.suppressed) {
      charts.splice(0).forEach((c) => c.destroy());
      grid.replaceChildren(h('div', { className: 'span-12' }, emptyState(ctx.session.data.lastDay ? t('state.empty') : t('state.noDataYet'))));
      return;
    }
    plainCard(silentSlot, t('overview.silent'), t('overview.silentNote'), s.silentOffices.length === 0
      ? h('p', {}, t('overview.silentNone'))
      : h('ul', { className: 'pill-list', id: 'silent-offices' }, ...s.silentOffices.map((o) => h('li', {}, h('a', { href: hrefFor({ view: 'office', office: o }) }, name(o))))));
    // «No data» is never «no visitors»: offices whose logs do not cover the period, named with why.
    plainCard(silentSlot, t('overview.noData'), null, s.noDataOffices.length === 0
      ? h('p', {}, t('overview.noDataNone'))
      : h('ul', { className: 'pill-list', id: 'no-data-offices' }, ...s.noDataOffices.map((o) => h('li', {}, h('a', { href: hrefFor({ view: 'office', office: o.office }) }, leftOutText(o, name))))));
    if (s.durations) charts.push(durationsCard(durSlot, s.durations));
  });

  fillWhenReady(barsSlot, summary, isAlive, ({ perOffice: rows, comparison }) => {
    // An office whose logs do not cover the period has no bar and says «нет данных», never 0 visitors
    // (contract §8); one that never sent a log has no previous figure either.
    const never = new Set(comparison.offices_left_out.filter((o) => o.reason === 'no_data').map((o) => o.office));
    const previousOf = (r: PerOffice) => (never.has(r.office) ? t('state.noData') : fmtCount(r.previous, r.suppressed));
    const bars = rows.map((r) => ({ key: r.office, label: name(r.office), value: r.coverage === 'none' ? null : r.visits, previous: never.has(r.office) ? null : r.previous, noData: r.coverage === 'none' }));
    const card = chartCard(barsSlot, {
      title: t('overview.perOffice'), note: cmp ? t('overview.perOfficeNote') : undefined,
      option: () => rankedBars(bars, { current: t('period.current'), previous: t('period.previous'), noData: t('state.noData') }, cmp),
      height: Math.max(320, bars.length * (cmp ? 24 : 20) + 60),
      summary: `${t('overview.perOffice')}: ${[...bars].sort((a, b) => (b.value ?? 0) - (a.value ?? 0)).slice(0, 3).map((b) => `${b.label} ${fmtCount(b.value)}`).join(', ')}…`,
      table: { head: [t('col.office'), t('col.visits'), t('col.previous')], numeric: [1, 2], rows: rows.map((r) => [name(r.office), r.coverage === 'none' ? t('state.noData') : fmtCount(r.visits, r.suppressed), previousOf(r)]) },
    });
    charts.push(card.chart);
    card.chart.onClick((data) => { if (typeof data.key === 'string') navigate({ view: 'office', office: data.key }); });
  });

  // The map shows every office of the region, the filtered one highlighted (the answer's standing is the region's).
  fillWhenReady(mapSlot, summary, isAlive, ({ officeStatus, perOffice: rows }) => {
    const status = new Map(officeStatus?.map((o) => [o.office, o.status]) ?? []);
    const statusNames = { ok: t('status.ok'), breach: t('status.breach'), no_data: t('status.no_data') };
    const visits = new Map(rows.filter((r) => r.coverage !== 'none').map((r) => [r.office, r.visits]));
    const points: MapPoint[] = ctx.registry.offices.filter((o) => !ctx.state.region || o.region === ctx.state.region).map((o) => {
      const st = status.get(o.code) ?? 'no_data';
      const v = visits.get(o.code);
      return {
        code: o.code, label: shortOfficeName(ctx.registry, o.code), lat: o.lat, lon: o.lon, status: st, highlight: o.code === ctx.state.office,
        detail: `${name(o.code)}: ${statusNames[st]}${v === undefined ? '' : `, ${t('col.visits').toLowerCase()} ${fmtCount(v)}`}`,
      };
    });
    const card = chartCard(mapSlot, {
      title: t('overview.map'), note: t('overview.mapNote'), option: () => officeMap(points, statusNames), height: 420,
      summary: `${t('overview.map')}: ${t('status.breach')} — ${points.filter((p) => p.status === 'breach').map((p) => p.label).join(', ') || '0'}`,
      table: { head: [t('col.office'), t('col.status')], rows: points.map((p) => [p.label, statusNames[p.status]]) },
    });
    charts.push(card.chart);
    card.chart.onClick((data) => { if (typeof data.code === 'string') navigate({ view: 'office', office: data.code }); });
  });

  fillWhenReady(linesSlot, daily, isAlive, (rows) => drawLines(ctx, linesSlot, charts, rows, name));

  fillWhenReady(heatSlot, heat, isAlive, (cells) => { charts.push(heatmapCard(heatSlot, cells)); });
  return () => { alive = false; charts.forEach((c) => c.destroy()); };
}

