import type { OfficesResponse } from '../../server/api/contract.ts';
import { resolvePeriod } from '../../domain/periods.ts';
import { t } from '../i18n/t.ts';
import { addDays, COMPARISONS, matchPreset, PRESETS, presetPeriod, type Period, type Preset } from '../state/period.ts';
import { navigate } from '../state/router.ts';
import type { UrlState } from '../state/url-state.ts';
import { officeLabel, regionLabel } from '../state/context.ts';
import { periodText } from './comparison.ts';
import { h } from './dom.ts';

/** Presets that are whole calendar units (the last complete month, this quarter, this year). */
const CALENDAR_PRESETS: ReadonlySet<Preset> = new Set(['prev_month', 'quarter', 'year']);

/**
 * Period presets, a custom range (inclusive end on screen, half-open in the URL), comparison,
 * region and office. Every change navigates, so the URL always says what is shown.
 */
export function filterBar(state: UrlState, period: Period, anchor: string, registry: OfficesResponse,
  opts: { office: boolean; compare?: boolean; calendarOnly?: boolean }): HTMLElement {
  const preset = matchPreset(period, anchor);
  const from = h('input', { type: 'date', id: 'f-from', value: period.from, required: true });
  const to = h('input', { type: 'date', id: 'f-to', value: addDays(period.to, -1), required: true });
  const msg = h('span', { className: 'filter-error', role: 'alert' });
  const custom = h('form', { className: 'filter-custom', hidden: preset !== null },
    h('label', { for: 'f-from' }, t('filter.from')), from,
    h('label', { for: 'f-to' }, t('filter.to')), to,
    h('button', { type: 'submit', className: 'btn' }, t('filter.apply')), msg);
  custom.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!from.value || !to.value || from.value > to.value) { msg.textContent = t('filter.badRange'); return; }
    navigate({ from: from.value, to: addDays(to.value, 1) });
  });

  const presetSelect = h('select', { id: 'f-preset' },
    ...PRESETS.filter((p) => !opts.calendarOnly || CALENDAR_PRESETS.has(p))
      .map((p) => h('option', { value: p, selected: p === preset }, t(`preset.${p}` as const))),
    opts.calendarOnly ? null : h('option', { value: 'custom', selected: preset === null }, t('filter.custom')));
  presetSelect.addEventListener('change', () => {
    if (presetSelect.value === 'custom') { custom.hidden = false; from.focus(); return; }
    const p = presetPeriod(presetSelect.value as Preset, anchor);
    navigate({ from: p.from, to: p.to });
  });

  const compare = h('select', { id: 'f-cmp' }, ...COMPARISONS.map((c) => h('option', { value: c, selected: c === state.cmp }, t(`cmp.${c}` as const))));
  compare.addEventListener('change', () => navigate({ cmp: COMPARISONS.find((c) => c === compare.value) ?? 'prev' }));
  // What is shown: the period cut at completeTo and labelled «по сей день» when it runs past it (contract §8).
  const shown = resolvePeriod(period, anchor);

  const regions = registry.regions;
  const regionSelect = regions.length > 1
    ? h('select', { id: 'f-region' }, ...regions.map((r) => h('option', { value: r.code, selected: r.code === state.region }, regionLabel(registry, r.code))))
    : null;
  regionSelect?.addEventListener('change', () => navigate({ region: regionSelect.value, office: null }));

  const visibleOffices = registry.offices.filter((o) => !state.region || o.region === state.region);
  const officeSelect = opts.office
    ? h('select', { id: 'f-office' },
      h('option', { value: '' }, t('filter.allOffices')),
      ...visibleOffices.map((o) => h('option', { value: o.code, selected: o.code === state.office }, officeLabel(o))))
    : null;
  officeSelect?.addEventListener('change', () => navigate({ office: officeSelect.value || null }));

  return h('div', { className: 'filters', role: 'group', 'aria-label': t('filter.label') },
    h('div', { className: 'field' }, h('label', { for: 'f-preset' }, t('filter.period')), presetSelect),
    h('output', { className: 'period-label', for: 'f-preset', id: 'period-label' }, periodText(shown)),
    custom,
    // Views that draw no comparison (Compliance) leave the choice out rather than show one that does nothing.
    opts.compare === false ? null : h('div', { className: 'field' }, h('label', { for: 'f-cmp' }, t('filter.compare')), compare),
    regionSelect ? h('div', { className: 'field' }, h('label', { for: 'f-region' }, t('filter.region')), regionSelect) : null,
    officeSelect ? h('div', { className: 'field' }, h('label', { for: 'f-office' }, t('filter.office')), officeSelect) : null);
}
