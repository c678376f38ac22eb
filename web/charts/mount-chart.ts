import { echarts, type EChartsCoreOption } from './echarts.ts';
import { chartTheme, SERIES_COLORS } from './palette.ts';

/** An option, or a function building it: a builder is called again when dark mode switches, so colours read from the theme follow. */
export type ChartOption = EChartsCoreOption | (() => EChartsCoreOption);

export interface MountedChart {
  update(option: ChartOption): void;
  /** Calls back with the clicked data item (the object given in series data). */
  onClick(handler: (data: Record<string, unknown>) => void): void;
  /** PNG of the chart as drawn, for downloads. */
  toPng(): string;
  destroy(): void;
}

const dark = window.matchMedia('(prefers-color-scheme: dark)');
/** A reader who asked the system for less motion gets the charts drawn at once, without their 300 ms animation. */
const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');

/** Defaults every chart shares: the colour-blind-safe palette and colours from the page's theme. */
function baseOption(): EChartsCoreOption {
  const t = chartTheme();
  return {
    color: SERIES_COLORS,
    backgroundColor: 'transparent',
    textStyle: { color: t.text, fontFamily: 'inherit' },
    animation: !reducedMotion.matches,
    animationDuration: 300,
  };
}

/**
 * The one owner of an ECharts instance: init, setOption, resize with its box, re-theme when the
 * system switches dark mode, dispose. Views hand it options and never touch echarts directly.
 */
export function mountChart(el: HTMLElement, option: ChartOption): MountedChart {
  const chart = echarts.init(el, null, { renderer: 'canvas' });
  let last = option;
  const draw = (o: ChartOption) => {
    chart.setOption({ ...baseOption(), ...(typeof o === 'function' ? o() : o) }, { notMerge: true });
  };
  draw(option);
  el.dataset.chartReady = 'true';
  // The benchmark measures navigation → first drawn chart from this mark.
  if (performance.getEntriesByName('vitrina:first-chart').length === 0) performance.mark('vitrina:first-chart');
  const resize = new ResizeObserver(() => chart.resize());
  resize.observe(el);
  const onScheme = () => draw(last);
  dark.addEventListener('change', onScheme);
  return {
    update(o) { last = o; draw(o); },
    onClick(handler) {
      chart.on('click', (p) => {
        const data = (p as { data?: unknown }).data;
        if (data && typeof data === 'object') handler(data as Record<string, unknown>);
      });
    },
    toPng() {
      return chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: chartTheme().surface });
    },
    destroy() {
      dark.removeEventListener('change', onScheme);
      resize.disconnect();
      chart.dispose();
    },
  };
}

/**
 * A PNG of an option drawn off screen at a fixed size (light theme, white background), for
 * downloads that must carry their own title, period and source whatever the page looks like.
 */
export function renderPng(option: EChartsCoreOption, width: number, height: number): string {
  const el = document.createElement('div');
  el.style.cssText = `position:fixed;left:-10000px;top:0;width:${width}px;height:${height}px`;
  document.body.append(el);
  const chart = echarts.init(el, null, { renderer: 'canvas', width, height });
  try {
    chart.setOption({ ...baseOption(), animation: false, ...option }, { notMerge: true });
    return chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
  } finally {
    chart.dispose();
    el.remove();
  }
}
