import { t } from '../i18n/t.ts';
import { h } from '../ui/dom.ts';
import { dataTable, type TableSpec } from '../ui/table.ts';
import { mountChart, type ChartOption, type MountedChart } from './mount-chart.ts';

export interface ChartCardSpec {
  title: string;
  note?: string;
  /** Pass a builder (() => option) so the chart re-themes with dark mode. */
  option: ChartOption;
  /** One sentence a screen reader announces in place of the picture. */
  summary: string;
  /** The chart's numbers as a table, kept visually hidden for assistive technology. */
  table: Omit<TableSpec, 'caption'>;
  height?: number;
  className?: string;
  actions?: HTMLElement[];
}

export interface ChartCard { el: HTMLElement; chart: MountedChart }

/**
 * A titled chart with its text alternative: the canvas is an image labelled by the summary, and
 * a visually hidden table carries the same numbers. Appends to parent first so ECharts sees a size.
 */
export function chartCard(parent: HTMLElement, spec: ChartCardSpec): ChartCard {
  const box = h('div', { className: 'chart', role: 'img', 'aria-label': spec.summary, style: `height:${spec.height ?? 320}px` });
  const el = h('section', { className: `card ${spec.className ?? ''}` },
    h('header', { className: 'card-head' },
      h('div', {}, h('h2', {}, spec.title), spec.note ? h('p', { className: 'note' }, spec.note) : null),
      spec.actions ? h('div', { className: 'card-actions' }, ...spec.actions) : null),
    box,
    h('div', { className: 'visually-hidden' }, dataTable({ ...spec.table, caption: t('chart.tableCaption', { title: spec.title }) })));
  parent.append(el);
  return { el, chart: mountChart(box, spec.option) };
}

/** A card without a chart (lists, tables, forms) in the same frame. */
export function plainCard(parent: HTMLElement, title: string, note: string | null, ...body: (Node | null)[]): HTMLElement {
  const el = h('section', { className: 'card' },
    h('header', { className: 'card-head' }, h('div', {}, h('h2', {}, title), note ? h('p', { className: 'note' }, note) : null)),
    ...body);
  parent.append(el);
  return el;
}
