import type { ComplianceResponse, OverviewResponse } from '../../server/api/contract.ts';
import { getJson, getTable } from '../api.ts';
import { chartCard, plainCard } from '../charts/chart-card.ts';
import type { MountedChart } from '../charts/mount-chart.ts';
import { officeMap, overallStatus, type MapPoint } from '../charts/office-map.ts';
import { dayLines, durationBars, rankedBars, weekHourHeatmap, type LineSeries } from '../charts/options.ts';
import { fmtCount, fmtDay, fmtInt, fmtMinutes, fmtPeriod } from '../i18n/format.ts';
import { t } from '../i18n/t.ts';
import { officeName, shortOfficeName, type Cleanup, type ViewContext } from '../state/context.ts';
import { addDays, daysBetween } from '../state/period.ts';
import { hrefFor, navigate, replaceQuietly } from '../state/router.ts';
import { h } from '../ui/dom.ts';
import { kpi, kpiRow } from '../ui/kpi.ts';
import { emptyState, showError, showLoading } from '../ui/states.ts';

type PerOffice = OverviewResponse['perOffice'][number];
type Daily = OverviewResponse['daily'][number];
type Heat = OverviewResponse['heatmap'][number];

/** Department overview: volumes now vs before, per office, over time, by hour, waiting times, the map. */
export function render(ctx: ViewContext): Cleanup {
  const charts: MountedChart[] = [];
  let alive = true;
  const load = async () => {
    showLoading(ctx.root);
    const canCompliance = ctx.session.user.role !== 'press';
    const [summary, perOffice, daily, heat, compliance] = await Promise.all([
      getJson<OverviewResponse>('overview', ctx.query),
      getTable<PerOffice>('overview', 'perOffice', ctx.query),
      getTable<Daily>('overview', 'daily', ctx.query),
      getTable<Heat>('overview', 'heatmap', ctx.query),
      canCompliance ? getJson<ComplianceResponse>('compliance', ctx.query) : Promise.resolve(null),
    ]);
    if (!alive) return;
    draw(ctx, charts, summary, perOffice, daily, heat, compliance);
  };
  load().catch((e: unknown) => { if (alive) showError(ctx.root, e, () => void load()); });
  return () => { alive = false; charts.forEach((c) => c.destroy()); };
}

function draw(ctx: ViewContext, charts: MountedChart[], s: OverviewResponse, perOffice: PerOffice[], daily: Daily[],
  heat: Heat[], compliance: ComplianceResponse | null): void {
  const root = ctx.root;
  const cmp = ctx.state.cmp === 'prev';
  const name = (code: string) => officeName(ctx.registry, code);
  root.replaceChildren(h('div', { className: 'page-head' },
    h('div', {}, h('h1', {}, t('overview.title')), h('p', {}, fmtPeriod(s.period.from, s.period.to),
      cmp ? ` · ${t('period.previous')}: ${fmtPeriod(s.previous.from, s.previous.to)}` : ''))));
  const wait = s.durations?.find((d) => d.metric === 'wait_time');
  root.append(kpiRow(
    kpi(t('kpi.visits'), fmtCount(s.totals.visits, s.totals.suppressed),
      cmp ? t('kpi.previous', { n: fmtCount(s.totals.previous, s.totals.suppressed) }) : null, cmp ? s.totals.change : undefined),
    kpi(t('kpi.statements'), fmtCount(s.totals.statements, s.totals.suppressed)),
    kpi(t('kpi.silent'), fmtInt(s.silentOffices.length)),
    kpi(t('kpi.medianWait'), wait?.median == null ? '—' : fmtMinutes(wait.median), `${t('stat.standard')}: ${s.standard.minMinutes}–${s.standard.maxMinutes}`),
  ));
  if ((s.totals.visits ?? 0) === 0 && !s.totals.suppressed) {
    root.append(emptyState(ctx.session.data.lastDay ? t('state.empty') : t('state.noDataYet')));
    return;
  }
  const grid = h('div', { className: 'grid' });
  root.append(grid);
  const slot = (cls: string) => { const el = h('div', { className: cls }); grid.append(el); return el; };

  // Per office, sorted; a click opens the office page.
  const bars = perOffice.map((r) => ({ key: r.office, label: name(r.office), value: r.visits, previous: r.previous }));
  const barCard = chartCard(slot('span-7'), {
    title: t('overview.perOffice'), note: cmp ? t('overview.perOfficeNote') : undefined,
    option: rankedBars(bars, { current: t('period.current'), previous: t('period.previous') }, cmp),
    height: Math.max(320, bars.length * (cmp ? 24 : 20) + 60),
    summary: `${t('overview.perOffice')}: ${[...bars].sort((a, b) => (b.value ?? 0) - (a.value ?? 0)).slice(0, 3).map((b) => `${b.label} ${fmtCount(b.value)}`).join(', ')}…`,
    table: { head: [t('col.office'), t('col.visits'), t('col.previous')], numeric: [1, 2], rows: perOffice.map((r) => [name(r.office), fmtCount(r.visits, r.suppressed), fmtCount(r.previous, r.suppressed)]) },
  });
  charts.push(barCard.chart);
  barCard.chart.onClick((data) => { if (typeof data.key === 'string') navigate({ view: 'office', office: data.key }); });

  // The map, coloured by compliance.
  const status = new Map(compliance?.offices.map((o) => [o.office, overallStatus(o.rules.map((r) => r.status))]) ?? []);
  const statusNames = { ok: t('status.ok'), breach: t('status.breach'), no_data: t('status.no_data') };
  const visits = new Map(perOffice.map((r) => [r.office, r.visits]));
  const points: MapPoint[] = ctx.registry.offices.filter((o) => !ctx.state.region || o.region === ctx.state.region).map((o) => {
    const st = status.get(o.code) ?? 'no_data';
    return { code: o.code, label: shortOfficeName(ctx.registry, o.code), lat: o.lat, lon: o.lon, status: st, detail: `${name(o.code)}: ${statusNames[st]}, ${t('col.visits').toLowerCase()} ${fmtCount(visits.get(o.code) ?? 0)}` };
  });
  const mapCard = chartCard(slot('span-5'), {
    title: t('overview.map'), note: t('overview.mapNote'), option: officeMap(points, statusNames), height: 420,
    summary: `${t('overview.map')}: ${t('status.breach')} — ${points.filter((p) => p.status === 'breach').map((p) => p.label).join(', ') || '0'}`,
    table: { head: [t('col.office'), t('col.status')], rows: points.map((p) => [p.label, statusNames[p.status]]) },
  });
  charts.push(mapCard.chart);
  mapCard.chart.onClick((data) => { if (typeof data.code === 'string') navigate({ view: 'office', office: data.code }); });

  drawLines(ctx, slot('span-12'), charts, daily, name);

  const cells = heat.map((c) => ({ weekday: c.weekday, hour: c.hour, visits: c.visits }));
  const busiest = [...heat].sort((a, b) => (b.visits ?? 0) - (a.visits ?? 0))[0];
  charts.push(chartCard(slot('span-8'), {
    title: t('overview.heatmap'), note: t('overview.heatmapNote'), height: 300,
    option: weekHourHeatmap(cells, { weekday: t('overview.weekday'), hour: t('overview.hour'), visits: t('col.visits') }),
    summary: busiest ? `${t('overview.heatmap')}: max ${fmtCount(busiest.visits, busiest.suppressed)} (${busiest.weekday}, ${busiest.hour}:00)` : t('state.empty'),
    table: { head: [t('overview.weekday'), t('overview.hour'), t('col.visits')], numeric: [2], rows: heat.map((c) => [String(c.weekday), String(c.hour), fmtCount(c.visits, c.suppressed)]) },
  }).chart);

  plainCard(slot('span-4'), t('overview.silent'), null, s.silentOffices.length === 0
    ? h('p', {}, t('overview.silentNone'))
    : h('ul', { className: 'pill-list', id: 'silent-offices' }, ...s.silentOffices.map((c) => h('li', {}, h('a', { href: hrefFor({ view: 'office', office: c }) }, name(c))))));

  if (s.durations) {
    const rows = s.durations.map((d) => ({ label: t(`metric.${d.metric}` as const), median: d.median, p90: d.p90 }));
    charts.push(chartCard(slot('span-12'), {
      title: t('overview.durations'), note: t('overview.durationsNote'), height: 300,
      option: durationBars(rows, { median: t('stat.median'), p90: t('stat.p90'), standard: t('stat.standard') }, [s.standard.minMinutes, s.standard.maxMinutes]),
      summary: rows.map((r) => `${r.label}: ${t('stat.median')} ${r.median === null ? '—' : fmtMinutes(r.median)}, ${t('stat.p90')} ${r.p90 === null ? '—' : fmtMinutes(r.p90)}`).join('; '),
      table: { head: ['', t('stat.median'), t('stat.p90'), t('stat.n')], numeric: [1, 2, 3], rows: s.durations.map((d) => [t(`metric.${d.metric}` as const), d.median === null ? '—' : fmtMinutes(d.median), d.p90 === null ? '—' : fmtMinutes(d.p90), fmtInt(d.n)]) },
    }).chart);
  }
}

/** Total visits per day, plus any office switched on (fetched on demand, remembered in the URL). */
function drawLines(ctx: ViewContext, parent: HTMLElement, charts: MountedChart[], daily: Daily[], name: (c: string) => string): void {
  const days = Array.from({ length: daysBetween(ctx.period.from, ctx.period.to) }, (_, i) => addDays(ctx.period.from, i));
  const perOffice = new Map<string, Daily[]>();
  let on = [...ctx.state.lines];
  const series = (): LineSeries[] => [
    { name: t('overview.total'), points: daily.map((d) => [d.day, d.visits] as const), emphasis: true },
    ...on.filter((c) => perOffice.has(c)).map((c) => ({ name: name(c), points: (perOffice.get(c) ?? []).map((d) => [d.day, d.visits] as const) })),
  ];
  const option = () => dayLines(days, series(), (d) => fmtDay(d).slice(0, 5));
  const toggles = h('div', { className: 'toggles', role: 'group', 'aria-label': t('filter.office') });
  const card = chartCard(parent, {
    title: t('overview.daily'), note: t('overview.dailyNote'), option: option(), height: 320,
    summary: `${t('overview.daily')}: ${fmtInt(daily.reduce((a, d) => a + (d.visits ?? 0), 0))}`,
    table: { head: [t('col.day'), t('col.visits')], numeric: [1], rows: daily.map((d) => [fmtDay(d.day), fmtCount(d.visits, d.suppressed)]) },
  });
  card.el.querySelector('.chart')?.before(toggles);
  charts.push(card.chart);
  const fetchOffice = async (code: string) => {
    if (!perOffice.has(code)) perOffice.set(code, await getTable<Daily>('overview', 'daily', { ...ctx.query, office: code }));
  };
  for (const o of ctx.registry.offices.filter((x) => !ctx.state.region || x.region === ctx.state.region)) {
    const btn = h('button', { type: 'button', className: 'toggle', 'aria-pressed': String(on.includes(o.code)) }, name(o.code));
    btn.addEventListener('click', () => {
      on = on.includes(o.code) ? on.filter((c) => c !== o.code) : [...on, o.code];
      btn.setAttribute('aria-pressed', String(on.includes(o.code)));
      replaceQuietly({ lines: on });
      void fetchOffice(o.code).then(() => card.chart.update(option()), () => undefined);
    });
    toggles.append(btn);
  }
  if (on.length) void Promise.all(on.map(fetchOffice)).then(() => card.chart.update(option()), () => undefined);
}
