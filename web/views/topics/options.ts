import { CATEGORY_LABELS, type Category } from '../../../sql/domain/categories.ts';
import { axisStyle, countAxis, legendStyle, tooltipStyle } from '../../charts/axes.ts';
import type { EChartsCoreOption } from '../../charts/echarts.ts';
import { chartTheme, SERIES_COLORS } from '../../charts/palette.ts';
import { fmtInt, fmtShare } from '../../i18n/format.ts';
import { label } from '../../i18n/lang.ts';

export interface MixItem { category: Category; share: number | null }

/** Category shares, largest on top. */
export function mixBars(items: readonly MixItem[], seriesName: string): EChartsCoreOption {
  const sorted = [...items].sort((a, b) => (a.share ?? 0) - (b.share ?? 0));
  return {
    grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
    tooltip: { ...tooltipStyle(), trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number | null) => (v === null ? '<5' : fmtShare(v, 1)) },
    xAxis: { type: 'value', max: 'dataMax', ...axisStyle(), axisLabel: { ...axisStyle().axisLabel, formatter: (v: number) => fmtShare(v) } },
    yAxis: { type: 'category', data: sorted.map((i) => label(CATEGORY_LABELS[i.category])), ...axisStyle(), axisLabel: { ...axisStyle().axisLabel, interval: 0 } },
    series: [{
      name: seriesName, type: 'bar', barMaxWidth: 16, data: sorted.map((i) => i.share),
      itemStyle: { color: SERIES_COLORS[0], borderRadius: [0, 4, 4, 0] },
      label: { show: true, position: 'right', color: chartTheme().muted, formatter: (p: { value: number | null }) => (p.value === null ? '<5' : fmtShare(p.value)) },
    }],
  };
}

/**
 * Each office's visits split by category: stacked bars, the seven largest categories in the
 * Okabe–Ito colours and the rest together in grey, so no two series share a colour.
 */
export function officeStack(offices: readonly { code: string; label: string }[], counts: ReadonlyMap<string, ReadonlyMap<Category, number>>,
  categories: readonly Category[], otherName: string): EChartsCoreOption {
  const shown = categories.slice(0, 7);
  const rest = categories.slice(7);
  const series = shown.map((c, i) => ({
    name: label(CATEGORY_LABELS[c]), type: 'bar', stack: 'all', barMaxWidth: 16, color: SERIES_COLORS[i],
    data: offices.map((o) => counts.get(o.code)?.get(c) ?? 0),
  }));
  if (rest.length) {
    series.push({
      name: otherName, type: 'bar', stack: 'all', barMaxWidth: 16, color: SERIES_COLORS[SERIES_COLORS.length - 1] ?? '#999999',
      data: offices.map((o) => rest.reduce((a, c) => a + (counts.get(o.code)?.get(c) ?? 0), 0)),
    });
  }
  return {
    grid: { left: 8, right: 16, top: 56, bottom: 8, containLabel: true },
    legend: { ...legendStyle(), type: 'scroll', top: 0, left: 0 },
    tooltip: { ...tooltipStyle(), trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => fmtInt(v) },
    xAxis: countAxis(),
    yAxis: { type: 'category', data: offices.map((o) => o.label), inverse: true, ...axisStyle(), axisLabel: { ...axisStyle().axisLabel, interval: 0 } },
    series,
  };
}

/** Visits per category over time buckets (days, weeks or months). */
export function categoryTrend(buckets: readonly string[], bucketLabel: (b: string) => string,
  series: readonly { category: Category; values: ReadonlyMap<string, number | null> }[]): EChartsCoreOption {
  return {
    grid: { left: 8, right: 16, top: 56, bottom: 8, containLabel: true },
    legend: { ...legendStyle(), type: 'scroll', top: 0, left: 0 },
    tooltip: { ...tooltipStyle(), trigger: 'axis', valueFormatter: (v: number | null) => (v === null ? '<5' : fmtInt(v)) },
    xAxis: { type: 'category', data: buckets.map(bucketLabel), boundaryGap: false, ...axisStyle() },
    yAxis: countAxis(),
    series: series.map((s, i) => ({
      name: label(CATEGORY_LABELS[s.category]), type: 'line', showSymbol: buckets.length < 20, symbolSize: 5,
      color: SERIES_COLORS[i % SERIES_COLORS.length], data: buckets.map((b) => s.values.get(b) ?? 0),
    })),
  };
}
