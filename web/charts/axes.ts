import { fmtInt } from '../i18n/format.ts';
import { chartTheme } from './palette.ts';

/** Axis and tooltip styles in the page's theme colours, shared by every chart. */
export function axisStyle() {
  const th = chartTheme();
  return {
    axisLine: { lineStyle: { color: th.grid } },
    axisTick: { lineStyle: { color: th.grid } },
    axisLabel: { color: th.muted, hideOverlap: true },
    splitLine: { lineStyle: { color: th.grid, type: 'dashed' as const } },
    nameTextStyle: { color: th.muted },
  };
}

export function tooltipStyle() {
  const th = chartTheme();
  return { backgroundColor: th.surface, borderColor: th.grid, textStyle: { color: th.text } };
}

export function legendStyle() {
  return { textStyle: { color: chartTheme().text }, icon: 'roundRect', itemWidth: 12, itemHeight: 12 };
}

export function countAxis(name?: string) {
  return { type: 'value' as const, name, minInterval: 1, ...axisStyle(), axisLabel: { ...axisStyle().axisLabel, formatter: (v: number) => fmtInt(v) } };
}
