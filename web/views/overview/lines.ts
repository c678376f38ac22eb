import type { OverviewResponse } from '../../../server/api/contract.ts';
import { getColumns } from '../../api.ts';
import { chartCard } from '../../charts/chart-card.ts';
import type { MountedChart } from '../../charts/mount-chart.ts';
import { dayLines, type LineSeries } from '../../charts/options.ts';
import { fmtCount, fmtDay, fmtInt } from '../../i18n/format.ts';
import { t } from '../../i18n/t.ts';
import type { ViewContext } from '../../state/context.ts';
import { addDays, daysBetween } from '../../state/period.ts';
import { replaceQuietly } from '../../state/router.ts';
import { h } from '../../ui/dom.ts';

type Daily = OverviewResponse['daily'][number];
/** An office's line: the day and visits columns of its daily table as they arrive. */
type OfficeLine = Pick<LineSeries, 'days' | 'values'>;

/** Total visits per day, plus any office switched on (fetched on demand, remembered in the URL). */
export function drawLines(ctx: ViewContext, parent: HTMLElement, charts: MountedChart[], daily: Daily[], name: (c: string) => string): void {
  // The server's days: the period cut at completeTo, so no day after it is even on the axis (contract §8).
  const days = daily.length ? daily.map((d) => d.day)
    : Array.from({ length: daysBetween(ctx.period.from, ctx.period.to) }, (_, i) => addDays(ctx.period.from, i));
  const perOffice = new Map<string, OfficeLine>();
  let on = [...ctx.state.lines];
  const series = (): LineSeries[] => [
    // The series says what it holds: all offices (of the region), or the one office the filter picked.
    {
      name: ctx.state.office ? t('overview.totalOffice', { office: name(ctx.state.office) }) : t('overview.total'),
      days: daily.map((d) => d.day), values: daily.map((d) => d.visits), emphasis: true,
    },
    ...on.flatMap((c) => { const line = perOffice.get(c); return line ? [{ name: name(c), ...line }] : []; }),
  ];
  const uncovered = new Set(daily.filter((d) => !d.covered).map((d) => d.day));
  const option = () => dayLines(days, series(), (d) => fmtDay(d).slice(0, 5), { uncovered, noData: t('state.noData') });
  const toggles = h('div', { className: 'toggles', role: 'group', 'aria-label': t('filter.office') });
  const card = chartCard(parent, {
    title: t('overview.daily'), note: t('overview.dailyNote'), option, height: 320,
    summary: `${t('overview.daily')}: ${fmtInt(daily.reduce((a, d) => a + (d.visits ?? 0), 0))}`,
    table: { head: [t('col.day'), t('col.visits')], numeric: [1], rows: daily.map((d) => [fmtDay(d.day), fmtCount(d.visits, d.suppressed)]) },
  });
  card.el.querySelector('.chart')?.before(toggles);
  charts.push(card.chart);
  const fetchOffice = async (code: string) => {
    if (perOffice.has(code)) return;
    const { columns } = await getColumns<Daily>('overview', 'daily', { ...ctx.query, office: code });
    perOffice.set(code, { days: columns.day ?? [], values: columns.visits ?? [] });
  };
  for (const o of ctx.registry.offices.filter((x) => !ctx.state.region || x.region === ctx.state.region)) {
    const btn = h('button', { type: 'button', className: 'toggle', 'aria-pressed': String(on.includes(o.code)) }, name(o.code));
    btn.addEventListener('click', () => {
      on = on.includes(o.code) ? on.filter((c) => c !== o.code) : [...on, o.code];
      btn.setAttribute('aria-pressed', String(on.includes(o.code)));
      replaceQuietly({ lines: on });
      void fetchOffice(o.code).then(() => card.chart.update(option), () => undefined);
    });
    toggles.append(btn);
  }
  if (on.length) void Promise.all(on.map(fetchOffice)).then(() => card.chart.update(option), () => undefined);
}
