import { CATEGORY_LABELS, type Category } from '../../../domain/categories.ts';
import { axisStyle, countAxis, legendStyle, tooltipStyle } from '../../charts/axes.ts';
import type { EChartsCoreOption } from '../../charts/echarts.ts';
import { noDataAreas } from '../../charts/options.ts';
import { chartTheme, SERIES_COLORS } from '../../charts/palette.ts';
import { fmtInt, fmtShare } from '../../i18n/format.ts';
import { label } from '../../i18n/lang.ts';

export interface MixItem { category: Category; share: number | null }

/**
 * Category shares, largest on top. A hidden share draws no bar and reads «<5» (a label on an
 * invisible point), so it is never mistaken for 0 or for a small share.
 */
export function mixBars(items: readonly MixItem[], seriesName: string): EChartsCoreOption {
  const sorted = [...items].sort((a, b) => (a.share ?? 0) - (b.share ?? 0));
  const hiddenLabel = { show: true, position: 'right', color: chartTheme().muted, formatter: '<5' };
  return {
    grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
    tooltip: { ...tooltipStyle(), trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number | null) => (v === null ? '<5' : fmtShare(v, 1)) },
    xAxis: { type: 'value', max: 'dataMax', ...axisStyle(), axisLabel: { ...axisStyle().axisLabel, formatter: (v: number) => fmtShare(v) } },
    yAxis: { type: 'category', data: sorted.map((i) => label(CATEGORY_LABELS[i.category])), ...axisStyle(), axisLabel: { ...axisStyle().axisLabel, interval: 0 } },
    series: [{
      name: seriesName, type: 'bar', barMaxWidth: 16, data: sorted.map((i) => i.share),
      itemStyle: { color: SERIES_COLORS[0], borderRadius: [0, 4, 4, 0] },
      label: { show: true, position: 'right', color: chartTheme().muted, formatter: (p: { value: number | null }) => (p.value === null ? '<5' : fmtShare(p.value)) },
    }, {
      name: seriesName, type: 'scatter', symbolSize: 0, silent: true, tooltip: { show: false },
      data: sorted.map((i) => (i.share === null ? { value: 0, label: hiddenLabel } : null)),
    }],
  };
}

export interface ExportMix {
  title: string;
  subtitle: string;
  footer: string;
  items: readonly { name: string; percent: number; hidden: boolean }[];
}

/**
 * The category chart as a standalone picture for publication: title, scope and period on top,
 * source (and method) below, whole-percent labels that add up to 100; the hidden categories
 * together as one hatched bar.
 */
export function exportMixBars(m: ExportMix, pct: (p: number) => string): EChartsCoreOption {
  const sorted = [...m.items].reverse();
  return {
    title: [
      { text: m.title, subtext: m.subtitle, left: 16, top: 12, textStyle: { fontSize: 18, color: '#1a1a1a' }, subtextStyle: { fontSize: 13, color: '#444444' } },
      { text: m.footer, left: 16, bottom: 12, textStyle: { fontSize: 11, lineHeight: 16, fontWeight: 'normal', color: '#555555', width: 780, overflow: 'break' } },
    ],
    grid: { left: 16, right: 64, top: 76, bottom: 84, containLabel: true },
    xAxis: { type: 'value', max: 'dataMax', show: false },
    yAxis: { type: 'category', data: sorted.map((i) => i.name), axisLabel: { color: '#1a1a1a', fontSize: 12, interval: 0 }, axisLine: { show: false }, axisTick: { show: false } },
    series: [{
      type: 'bar', barMaxWidth: 18,
      data: sorted.map((i) => ({
        value: i.percent,
        itemStyle: i.hidden
          ? { color: '#bbbbbb', decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 3], rotation: Math.PI / 4, color: '#777777' } }
          : { color: SERIES_COLORS[0], borderRadius: [0, 4, 4, 0] },
      })),
      label: { show: true, position: 'right', color: '#1a1a1a', formatter: (p: { value: number }) => pct(p.value) },
    }],
  };
}

/**
 * Each office's visits split by category: stacked bars, the seven largest categories in the
 * Okabe–Ito colours and the rest together in grey, so no two series share a colour.
 */
export function officeStack(offices: readonly { code: string; label: string }[], counts: ReadonlyMap<string, ReadonlyMap<Category, number | null>>,
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
    tooltip: { ...tooltipStyle(), trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number | null) => (v === null ? '<5' : fmtInt(v)) },
    xAxis: countAxis(),
    yAxis: { type: 'category', data: offices.map((o) => o.label), inverse: true, ...axisStyle(), axisLabel: { ...axisStyle().axisLabel, interval: 0 } },
    series,
  };
}

/**
 * Visits per category over time buckets (days, weeks or months), every bucket of the period on the
 * axis: in a covered bucket a category without visits is 0; an uncovered bucket, and a hidden
 * value, are gaps in the line, never 0 (contract §8).
 */
export function categoryTrend(buckets: readonly { bucket: string; covered: boolean }[], bucketLabel: (b: string) => string,
  series: readonly { category: Category; values: ReadonlyMap<string, number | null> }[], noData: string): EChartsCoreOption {
  const areas = noDataAreas(buckets.map((b) => b.covered), noData);
  return {
    grid: { left: 8, right: 16, top: 56, bottom: 8, containLabel: true },
    legend: { ...legendStyle(), type: 'scroll', top: 0, left: 0 },
    tooltip: {
      ...tooltipStyle(), trigger: 'axis',
      valueFormatter: (v: number | null, i: number) => (v !== null ? fmtInt(v) : buckets[i]?.covered === false ? noData : '<5'),
    },
    xAxis: { type: 'category', data: buckets.map((b) => bucketLabel(b.bucket)), boundaryGap: false, ...axisStyle() },
    yAxis: countAxis(),
    series: series.map((s, i) => ({
      name: label(CATEGORY_LABELS[s.category]), type: 'line', showSymbol: buckets.length < 20, symbolSize: 5,
      color: SERIES_COLORS[i % SERIES_COLORS.length], connectNulls: false,
      data: buckets.map((b) => (!b.covered ? null : s.values.has(b.bucket) ? (s.values.get(b.bucket) ?? null) : 0)),
      ...(i === 0 && areas ? { markArea: areas } : {}),
    })),
  };
}
