import { fmtInt, fmtMinutes, fmtNum, weekdayNames } from '../i18n/format.ts';
import { axisStyle, countAxis, legendStyle, tooltipStyle } from './axes.ts';
import type { EChartsCoreOption } from './echarts.ts';
import { chartTheme, SERIES_COLORS } from './palette.ts';

/** Chart options shared by several views; each takes plain labelled numbers, never raw API rows. */

export interface BarItem { key: string; label: string; value: number | null; previous?: number | null; noData?: boolean }

/**
 * Horizontal bars, largest on top; a pale second bar for the previous period when given. An item
 * marked noData (its logs do not cover the period) draws no bar and reads `names.noData`: no data
 * is never drawn as zero (contract §8).
 */
export function rankedBars(items: readonly BarItem[], names: { current: string; previous: string; noData: string }, withPrevious: boolean): EChartsCoreOption {
  const sorted = [...items].sort((a, b) => (a.value ?? 0) - (b.value ?? 0)); // ECharts draws the y axis bottom-up
  const muted = chartTheme().muted;
  const series: object[] = [{
    name: names.current, type: 'bar', data: sorted.map((i) => ({ value: i.noData ? null : (i.value ?? 0), key: i.key })),
    itemStyle: { color: SERIES_COLORS[0], borderRadius: [0, 4, 4, 0] }, barMaxWidth: 14,
    label: { show: true, position: 'right', color: muted, formatter: (p: { value: number }) => fmtInt(p.value) },
  }, {
    // The «no data» words where the bar would start: a label on an invisible point.
    name: names.current, type: 'scatter', symbolSize: 0, silent: true, tooltip: { show: false },
    data: sorted.map((i) => (i.noData ? { value: 0, key: i.key, label: { show: true, position: 'right', offset: [0, withPrevious ? -4 : 0], color: muted, fontStyle: 'italic', formatter: names.noData } } : null)),
  }];
  if (withPrevious) {
    series.push({
      name: names.previous, type: 'bar', data: sorted.map((i) => ({ value: i.previous ?? null, key: i.key })),
      itemStyle: { color: SERIES_COLORS[4], opacity: 0.55, borderRadius: [0, 4, 4, 0] }, barMaxWidth: 8,
    });
  }
  return {
    grid: { left: 8, right: 48, top: withPrevious ? 28 : 8, bottom: 8, containLabel: true },
    legend: withPrevious ? { ...legendStyle(), top: 0, left: 0, data: [names.current, names.previous] } : undefined,
    tooltip: {
      ...tooltipStyle(), trigger: 'axis', axisPointer: { type: 'shadow' },
      valueFormatter: (v: number | null, i: number) => (v !== null && v !== undefined ? fmtInt(v) : sorted[i]?.noData ? names.noData : '<5'),
    },
    xAxis: countAxis(),
    yAxis: { type: 'category', data: sorted.map((i) => i.label), ...axisStyle(), axisLabel: { ...axisStyle().axisLabel, hideOverlap: false, interval: 0 } },
    series,
  };
}

/** One line as two columns: its days and the value of each (null: hidden or no data). */
export interface LineSeries { name: string; days: readonly string[]; values: readonly (number | null)[]; emphasis?: boolean }

/**
 * Shaded runs of a category axis where no log covers the data, labelled «нет данных», so a gap in
 * the lines is read as missing logs, not as a drawing fault (contract §8). Goes on a line series.
 */
export function noDataAreas(covered: readonly boolean[], noData: string): object | undefined {
  const runs: [number, number][] = [];
  covered.forEach((c, i) => {
    if (c) return;
    const last = runs[runs.length - 1];
    if (last && last[1] === i - 1) last[1] = i; else runs.push([i, i]);
  });
  if (runs.length === 0) return undefined;
  const th = chartTheme();
  return {
    silent: true,
    itemStyle: { color: th.grid, opacity: 0.35 },
    label: { color: th.muted, position: 'insideTop', fontStyle: 'italic' },
    data: runs.map(([a, b]) => [{ xAxis: a, name: noData }, { xAxis: b }]),
  };
}

/**
 * Lines over calendar days (category axis of YYYY-MM-DD labels shown in the interface locale);
 * days in `uncovered` are shaded and labelled `noData`.
 */
export function dayLines(days: readonly string[], series: readonly LineSeries[], dayLabel: (d: string) => string,
  gaps?: { uncovered: ReadonlySet<string>; noData: string }): EChartsCoreOption {
  const areas = gaps ? noDataAreas(days.map((d) => !gaps.uncovered.has(d)), gaps.noData) : undefined;
  return {
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { ...legendStyle(), type: 'scroll', top: 0, left: 0 },
    tooltip: { ...tooltipStyle(), trigger: 'axis', valueFormatter: (v: number | null) => (v === null ? '<5' : fmtInt(v)) },
    xAxis: { type: 'category', data: days.map(dayLabel), boundaryGap: false, ...axisStyle() },
    yAxis: countAxis(),
    series: series.map((s, i) => {
      const byDay = new Map(s.days.map((d, j) => [d, s.values[j] ?? null]));
      return {
        name: s.name, type: 'line', showSymbol: days.length <= 31, symbolSize: 5, connectNulls: false,
        // A day missing from the line's days is no data: a gap, never a drawn zero (contract §8).
        data: days.map((d) => byDay.get(d) ?? null),
        lineStyle: { width: s.emphasis ? 3 : 1.8 }, color: SERIES_COLORS[i % SERIES_COLORS.length],
        areaStyle: s.emphasis ? { opacity: 0.08 } : undefined,
        ...(i === 0 && areas ? { markArea: areas } : {}),
      };
    }),
  };
}

export interface HeatCellIn { weekday: number; hour: number; visits: number | null }

/** Whether the page is drawn dark: its surface colour is darker than mid grey. */
function darkSurface(surface: string): boolean {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(surface) ?? /(\d+),\s*(\d+),\s*(\d+)/.exec(surface);
  if (!m) return false;
  const [r, g, b] = [m[1], m[2], m[3]].map((x) => (surface.startsWith('#') ? parseInt(x ?? '0', 16) : Number(x)));
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0) < 128;
}

/**
 * Weekday (Monday first) × hour of day; a single-hue scale reads the same for every kind of colour
 * vision. The busiest cells are the most contrasting with the page: dark on light, bright on dark.
 * `visits` may be an average (visits per covered weekday): values keep one decimal.
 */
export function weekHourHeatmap(cells: readonly HeatCellIn[], names: { weekday: string; hour: string; visits: string }): EChartsCoreOption {
  const max = Math.max(1, ...cells.map((c) => c.visits ?? 0));
  const days = weekdayNames('short');
  const ramp = darkSurface(chartTheme().surface) ? ['#17324a', '#0a6aa6', '#56B4E9', '#f2f8fc'] : ['#e8f2fa', '#56B4E9', '#0072B2', '#023858'];
  return {
    grid: { left: 8, right: 8, top: 8, bottom: 56, containLabel: true },
    tooltip: {
      ...tooltipStyle(),
      formatter: (p: { value: [number, number, number | null] }) =>
        `${days[p.value[1]]}, ${String(p.value[0]).padStart(2, '0')}:00 — ${p.value[2] === null ? '<5' : fmtNum(p.value[2])}`,
    },
    xAxis: { type: 'category', name: names.hour, data: Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0')), ...axisStyle(), splitArea: { show: false } },
    yAxis: { type: 'category', name: '', data: days, inverse: true, ...axisStyle() },
    visualMap: {
      min: 0, max, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 160,
      inRange: { color: ramp }, textStyle: { color: chartTheme().muted }, text: [fmtNum(max), '0'],
      formatter: (v: number) => fmtNum(v),
    },
    series: [{
      name: names.visits, type: 'heatmap',
      data: cells.map((c) => [c.hour, c.weekday - 1, c.visits]),
      itemStyle: { borderColor: chartTheme().surface, borderWidth: 1 },
      emphasis: { itemStyle: { borderColor: chartTheme().text } },
    }],
  };
}

export interface DurationBar { label: string; median: number | null; p90: number | null; standardMax?: number }

/**
 * Median and p90 per metric. A standard is drawn only for a metric that has one (contract §8): a
 * dash over that metric's own bars at its upper bound, never a band across every metric.
 */
export function durationBars(rows: readonly DurationBar[], names: { median: string; p90: string; standard: string }): EChartsCoreOption {
  const limits = rows.flatMap((r, i) => (r.standardMax === undefined ? [] : [{ i, max: r.standardMax }]));
  const top = Math.max(0, ...limits.map((l) => l.max));
  return {
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { ...legendStyle(), top: 0, left: 0 },
    tooltip: { ...tooltipStyle(), trigger: 'axis', valueFormatter: (v: number | null) => (v === null ? '—' : fmtMinutes(v)) },
    // Every measure named under its bars, broken onto two lines rather than hidden on a phone.
    xAxis: { type: 'category', data: rows.map((r) => r.label), ...axisStyle(), axisLabel: { ...axisStyle().axisLabel, interval: 0, hideOverlap: false, lineHeight: 14, formatter: twoLines } },
    yAxis: { type: 'value', max: (v: { max: number }) => Math.max(v.max, top + 2), ...axisStyle(), axisLabel: { ...axisStyle().axisLabel, formatter: (v: number) => fmtMinutes(v) } },
    series: [
      { name: names.median, type: 'bar', data: rows.map((r) => r.median), itemStyle: { color: SERIES_COLORS[0], borderRadius: [4, 4, 0, 0] }, barMaxWidth: 28 },
      { name: names.p90, type: 'bar', data: rows.map((r) => r.p90), itemStyle: { color: SERIES_COLORS[1], borderRadius: [4, 4, 0, 0] }, barMaxWidth: 28 },
      // The standard as a dash across its own metric's bars only; metrics without one get no mark.
      ...(limits.length === 0 ? [] : [{
        name: names.standard, type: 'scatter', symbol: 'rect', symbolSize: [64, 3], z: 5,
        data: rows.map((r) => r.standardMax ?? null), itemStyle: { color: SERIES_COLORS[2] },
      }]),
    ],
  };
}

/** A label of several words on two lines, broken at the space nearest its middle («Задержка\nна входе»). */
function twoLines(label: string): string {
  const spaces = [...label.matchAll(/ /g)].map((m) => m.index);
  if (spaces.length === 0) return label;
  const mid = label.length / 2;
  const at = spaces.reduce((a, b) => (Math.abs(b - mid) < Math.abs(a - mid) ? b : a));
  return `${label.slice(0, at)}\n${label.slice(at + 1)}`;
}
