import type { HeatCell } from '../../../server/api/contract.ts';
import { chartCard } from '../../charts/chart-card.ts';
import type { MountedChart } from '../../charts/mount-chart.ts';
import { weekHourHeatmap } from '../../charts/options.ts';
import { fmtCount, fmtNum, weekdayNames } from '../../i18n/format.ts';
import { t } from '../../i18n/t.ts';

/**
 * The weekday × hour card of the Overview and the office page: average visits per covered
 * occurrence of the weekday (contract §8), not sums that favour a month with five Mondays.
 */
export function heatmapCard(parent: HTMLElement, cellsIn: readonly HeatCell[], height = 300): MountedChart {
  const cells = cellsIn.map((c) => ({ weekday: c.weekday, hour: c.hour, visits: c.average }));
  const days = weekdayNames('short');
  const busiest = [...cellsIn].sort((a, b) => (b.average ?? 0) - (a.average ?? 0))[0];
  const when = (c: HeatCell) => `${days[c.weekday - 1] ?? c.weekday}, ${String(c.hour).padStart(2, '0')}:00`;
  return chartCard(parent, {
    title: t('overview.heatmap'), note: t('overview.heatmapNote'), height,
    option: () => weekHourHeatmap(cells, { weekday: t('overview.weekday'), hour: t('overview.hour'), visits: t('col.average') }),
    summary: busiest ? `${t('overview.heatmap')}: ${t('heatmap.busiest', { when: when(busiest), n: busiest.average === null ? '<5' : fmtNum(busiest.average) })}` : t('state.empty'),
    table: {
      head: [t('overview.weekday'), t('overview.hour'), t('col.average'), t('col.visits')], numeric: [2, 3],
      rows: cellsIn.map((c) => [days[c.weekday - 1] ?? String(c.weekday), `${String(c.hour).padStart(2, '0')}:00`, c.average === null ? '<5' : fmtNum(c.average), fmtCount(c.visits, c.suppressed)]),
    },
  }).chart;
}
