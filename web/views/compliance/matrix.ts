import type { ComplianceResponse, RuleVerdict } from '../../../server/api/contract.ts';
import { RULE_LABELS, RULES } from '../../../domain/rules.ts';
import { fmtMinutes, fmtNum, fmtShare } from '../../i18n/format.ts';
import { label } from '../../i18n/lang.ts';
import { t } from '../../i18n/t.ts';
import { h } from '../../ui/dom.ts';

const MARK = { ok: '✓', breach: '✕', no_data: '–' } as const;

/** A verdict's value in its unit (contract §4): minutes for times, shares, days; inspection facts as what was found. */
export function fmtVerdictValue(v: Pick<RuleVerdict, 'rule' | 'value'>): string {
  if (v.value === null) return '—';
  switch (v.rule) {
    case 'no_pass_delay': case 'application_time': return fmtMinutes(v.value);
    case 'no_phone_surrender': case 'no_checkpoint_questioning': return fmtShare(v.value, 1);
    case 'reporting': return t('unit.days', { n: fmtNum(v.value, 0) });
    case 'no_bars': return t(v.value ? 'verdict.bars.yes' : 'verdict.bars.no');
    default: return t(v.value ? 'verdict.perimeter.yes' : 'verdict.perimeter.no');
  }
}

/** What the order allows, in the same terms: «не допускаются» rather than a bare «нет». */
export function fmtVerdictThreshold(v: Pick<RuleVerdict, 'rule' | 'threshold'>): string {
  if (v.threshold === null) return '—';
  switch (v.rule) {
    case 'no_bars': return t('verdict.bars.threshold');
    case 'accessible_location': return t('verdict.perimeter.threshold');
    case 'no_phone_surrender': case 'no_checkpoint_questioning': return v.threshold === 0 ? t('verdict.none') : fmtShare(v.threshold, 1);
    default: return fmtVerdictValue({ rule: v.rule, value: v.threshold });
  }
}

export function statusText(v: Pick<RuleVerdict, 'status' | 'small_sample'>): string {
  return `${t(`status.${v.status}` as const)}${v.small_sample ? ` · ${t('status.small_sample')}` : ''}`;
}

/**
 * Offices × rules. Each cell is a button (keyboard reachable) whose status shows by colour AND
 * by mark (✓ ✕ –, * for a small sample), so nothing depends on telling colours apart.
 */
export function complianceMatrix(data: ComplianceResponse, officeName: (c: string) => string,
  onPick: (office: string, verdict: RuleVerdict) => void): HTMLElement {
  const buttons: HTMLButtonElement[] = [];
  const table = h('table', { className: 'data-table matrix', id: 'compliance-matrix' },
    h('caption', { className: 'visually-hidden' }, t('compliance.matrix')),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('col.office')), ...RULES.map((r) => h('th', { scope: 'col' }, label(RULE_LABELS[r]))))),
    h('tbody', {}, ...data.offices.map((o) => h('tr', {},
      h('th', { scope: 'row' }, officeName(o.office)),
      ...RULES.map((rule) => {
        const v = o.rules.find((x) => x.rule === rule);
        if (!v) return h('td', {}, '');
        const btn = h('button', {
          type: 'button', className: `cell cell-${v.status}`, 'aria-pressed': 'false',
          'data-office': o.office, 'data-rule': rule, 'data-status': v.status,
          'aria-label': `${officeName(o.office)}, ${label(RULE_LABELS[rule])}: ${statusText(v)}, ${fmtVerdictValue(v)}`,
          title: `${statusText(v)} · ${fmtVerdictValue(v)}`,
        }, MARK[v.status], v.small_sample ? '*' : '');
        btn.addEventListener('click', () => {
          buttons.forEach((b) => b.setAttribute('aria-pressed', String(b === btn)));
          onPick(o.office, v);
        });
        buttons.push(btn);
        return h('td', {}, btn);
      })))));
  const legend = h('ul', { className: 'legend' },
    h('li', {}, h('span', { className: 'swatch cell-ok' }), `${MARK.ok} ${t('status.ok')}`),
    h('li', {}, h('span', { className: 'swatch cell-breach' }), `${MARK.breach} ${t('status.breach')}`),
    h('li', {}, h('span', { className: 'swatch cell-no_data' }), `${MARK.no_data} ${t('status.no_data')}`),
    h('li', {}, `* ${t('status.small_sample')} (${t('status.smallSampleNote')})`));
  return h('div', {}, h('div', { className: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': t('compliance.matrix') }, table), legend);
}
