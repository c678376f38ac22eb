import { h } from './dom.ts';

export interface TableSpec {
  caption?: string;
  head: readonly string[];
  rows: readonly (readonly (string | Node)[])[];
  /** Columns holding numbers, right-aligned. */
  numeric?: readonly number[];
  hiddenCaption?: boolean;
}

/** A plain data table: header cells are column headers, the first cell of a row is its header. */
export function dataTable(spec: TableSpec): HTMLTableElement {
  const num = new Set(spec.numeric ?? []);
  return h('table', { className: 'data-table' },
    spec.caption ? h('caption', { className: spec.hiddenCaption ? 'visually-hidden' : '' }, spec.caption) : null,
    h('thead', {}, h('tr', {}, ...spec.head.map((c, i) => h('th', { scope: 'col', className: num.has(i) ? 'num' : '' }, c)))),
    h('tbody', {}, ...spec.rows.map((r) => h('tr', {}, ...r.map((c, i) => (i === 0
      ? h('th', { scope: 'row' }, c)
      : h('td', { className: num.has(i) ? 'num' : '' }, c)))))));
}

/** A table that scrolls sideways on a phone instead of breaking the layout. */
export function scrollTable(spec: TableSpec): HTMLElement {
  return h('div', { className: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': spec.caption ?? '' }, dataTable(spec));
}
