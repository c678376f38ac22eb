import type { DelaysResponse } from '../../../server/api/contract.ts';
import { axisStyle, tooltipStyle } from '../../charts/axes.ts';
import type { EChartsCoreOption } from '../../charts/echarts.ts';
import { chartTheme, SERIES_COLORS, STATUS_COLORS } from '../../charts/palette.ts';
import { fmtInt, fmtMinutes } from '../../i18n/format.ts';

type Box = DelaysResponse['offices'][number];

/**
 * Admission delay per office as a box plot (min, q1, median, q3, max) with the threshold as a
 * line; offices whose p90 is over it are drawn in the breach colour.
 */
export function delayBoxes(rows: readonly Box[], names: (c: string) => string, threshold: number, thresholdLabel: string): EChartsCoreOption {
  const data = rows.filter((r) => r.median !== null).sort((a, b) => (b.p90 ?? 0) - (a.p90 ?? 0));
  return {
    grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
    tooltip: {
      ...tooltipStyle(), trigger: 'item',
      formatter: (p: { dataIndex: number }) => {
        const r = data[p.dataIndex];
        if (!r) return '';
        return `<b>${names(r.office)}</b> (n = ${fmtInt(r.n)})<br>min ${fmtMinutes(r.min ?? 0)} · Q1 ${fmtMinutes(r.q1 ?? 0)} · Me ${fmtMinutes(r.median ?? 0)}<br>Q3 ${fmtMinutes(r.q3 ?? 0)} · P90 ${fmtMinutes(r.p90 ?? 0)} · max ${fmtMinutes(r.max ?? 0)}`;
      },
    },
    xAxis: { type: 'category', data: data.map((r) => names(r.office)), ...axisStyle(), axisLabel: { ...axisStyle().axisLabel, interval: 0, rotate: 40, hideOverlap: false } },
    yAxis: { type: 'value', ...axisStyle(), axisLabel: { ...axisStyle().axisLabel, formatter: (v: number) => fmtMinutes(v) } },
    series: [{
      type: 'boxplot', boxWidth: [6, 22],
      data: data.map((r) => ({
        value: [r.min, r.q1, r.median, r.q3, r.max],
        itemStyle: {
          color: (r.p90 ?? 0) > threshold ? 'rgba(213,94,0,0.25)' : 'rgba(0,114,178,0.18)',
          borderColor: (r.p90 ?? 0) > threshold ? STATUS_COLORS.breach : SERIES_COLORS[0], borderWidth: 1.5,
        },
      })),
      markLine: {
        silent: true, symbol: 'none', lineStyle: { color: STATUS_COLORS.breach, type: 'dashed', width: 2 },
        label: { formatter: thresholdLabel, color: chartTheme().text, position: 'insideEndTop' },
        data: [{ yAxis: threshold }],
      },
    }],
  };
}
