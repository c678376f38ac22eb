import { fmtChange } from '../i18n/format.ts';
import { t } from '../i18n/t.ts';
import { h } from './dom.ts';

/** One headline number with its comparison line (`against` names what the change is against). */
export function kpi(label: string, value: string, sub?: string | null, change?: number | null, against: string = t('kpi.change')): HTMLElement {
  const delta = change === undefined
    ? null
    : change === null
      ? h('span', {}, t('kpi.noChange'))
      : h('span', {}, h('span', { className: change >= 0 ? 'delta-up' : 'delta-down' }, fmtChange(change)), ' ', against);
  return h('div', { className: 'kpi' },
    h('div', { className: 'kpi-label' }, label),
    h('div', { className: 'kpi-value' }, value),
    delta ? h('div', { className: 'kpi-sub' }, delta) : null,
    sub ? h('div', { className: 'kpi-sub' }, sub) : null);
}

export function kpiRow(...items: HTMLElement[]): HTMLElement {
  return h('div', { className: 'kpis' }, ...items);
}
