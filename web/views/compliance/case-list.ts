import type { Flag, FlagsResponse } from '../../../server/api/contract.ts';
import { FLAG_STATUSES } from '../../../server/api/contract.ts';
import { RULE_LABELS, RULES, type Rule } from '../../../domain/rules.ts';
import { apiUrl, getJson } from '../../api.ts';
import { fmtDay, fmtInt, fmtMonth } from '../../i18n/format.ts';
import { getLang, label } from '../../i18n/lang.ts';
import type { MessageKey } from '../../i18n/t.ts';
import { t } from '../../i18n/t.ts';
import { h } from '../../ui/dom.ts';
import { errorState, showLoading } from '../../ui/states.ts';
import { scrollTable } from '../../ui/table.ts';
import { flagStatusChip } from './flag-panel.ts';
import { fmtVerdictValue } from './matrix.ts';

type Sort = 'age' | 'deadline' | 'office';
const PAGE_SIZE = 10;

export interface CaseListState {
  status: Flag['status'] | '';
  rule: Rule | '';
  sort: Sort;
  page: number;
}

/** The months a case covers: one month by name, a span compactly as «10.2026–11.2026» so a row stays one line. */
export function fmtMonths(months: readonly string[]): string {
  if (months.length <= 1) return months[0] ? fmtMonth(months[0]) : '—';
  const mm = (m: string) => `${m.slice(5, 7)}.${m.slice(0, 4)}`;
  return `${mm(months[0]!)}–${mm(months.at(-1)!)}`;
}

/**
 * The inspector's work list: filters by status and rule (office and period come from the page's
 * filter), order, server paging, counts per status, overdue cases marked and first, export.
 */
export function caseList(host: HTMLElement, base: { from: string; to: string; office?: string },
  officeName: (c: string) => string, onOpen: (f: Flag) => void): { reload(): void } {
  const state: CaseListState = { status: 'open', rule: '', sort: 'age', page: 1 };
  const query = () => ({ ...base, status: state.status, rule: state.rule, sort: state.sort });

  const select = <T extends string>(id: string, value: T, options: [T, string][], onChange: (v: T) => void) => {
    const el = h('select', { id }, ...options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)));
    el.addEventListener('change', () => onChange(el.value as T));
    return el;
  };
  const filters = h('div', { className: 'case-filters', role: 'group', 'aria-label': t('compliance.flags') },
    h('div', { className: 'field' }, h('label', { for: 'case-status' }, t('cases.status')),
      select<CaseListState['status']>('case-status', state.status, [['', t('cases.allStatuses')], ...FLAG_STATUSES.map((s) => [s, t(`flag.status.${s}` as MessageKey)] as [Flag['status'], string])],
        (v) => { state.status = v; state.page = 1; load(); })),
    h('div', { className: 'field' }, h('label', { for: 'case-rule' }, t('cases.rule')),
      select<CaseListState['rule']>('case-rule', state.rule, [['', t('cases.allRules')], ...RULES.map((r) => [r, label(RULE_LABELS[r])] as [Rule, string])],
        (v) => { state.rule = v; state.page = 1; load(); })),
    h('div', { className: 'field' }, h('label', { for: 'case-sort' }, t('cases.sort')),
      select<Sort>('case-sort', state.sort, (['age', 'deadline', 'office'] as const).map((s) => [s, t(`cases.sort.${s}`)]),
        (v) => { state.sort = v; state.page = 1; load(); })),
    h('a', { className: 'btn', id: 'cases-csv', href: '#', download: '' }, t('cases.csv')),
    h('a', { className: 'btn', id: 'cases-xlsx', href: '#', download: '' }, t('cases.xlsx')));
  const body = h('div', { id: 'cases-body' });
  host.replaceChildren(filters, body);

  const draw = (r: FlagsResponse) => {
    const pages = Math.max(1, Math.ceil(r.total / r.pageSize));
    filters.querySelector<HTMLAnchorElement>('#cases-csv')!.href = apiUrl('flags', { ...query(), format: 'csv', lang: getLang() });
    filters.querySelector<HTMLAnchorElement>('#cases-xlsx')!.href = apiUrl('flags', { ...query(), format: 'xlsx', lang: getLang() });
    const counts = h('ul', { className: 'case-counts', id: 'case-counts' },
      ...FLAG_STATUSES.map((s) => h('li', {}, flagStatusChip(s), ` ${fmtInt(r.counts[s])}`)),
      r.counts.overdue ? h('li', { className: 'overdue' }, `${t('cases.overdue')}: ${fmtInt(r.counts.overdue)}`) : null);
    const table = r.flags.length === 0 ? h('p', { className: 'note' }, t('compliance.flagsEmpty')) : scrollTable({
      caption: t('compliance.flags'), hiddenCaption: true,
      head: [t('col.office'), t('flag.rule'), t('cases.months'), t('col.value'), t('flag.status'), t('flag.deadline'), ''],
      rows: r.flags.map((f) => [officeName(f.office), label(RULE_LABELS[f.rule]), fmtMonths(f.months), fmtVerdictValue(f), flagStatusChip(f.status),
        f.deadline ? h('span', { className: f.overdue ? 'overdue' : '' }, fmtDay(f.deadline), f.overdue ? ` · ${t('cases.overdue')}` : '') : '—',
        h('button', { type: 'button', className: 'btn', 'data-flag': String(f.id), 'data-office': f.office, 'data-rule': f.rule, onclick: () => onOpen(f) }, t('flag.open'))]),
    });
    table.querySelectorAll('tbody tr').forEach((tr, i) => { if (r.flags[i]?.overdue) tr.classList.add('case-overdue'); });
    const pager = h('div', { className: 'case-pager' },
      h('span', {}, t('cases.found', { n: fmtInt(r.total) })),
      h('button', { type: 'button', className: 'btn', id: 'cases-prev', disabled: state.page <= 1, onclick: () => { state.page -= 1; load(); } }, t('cases.prev')),
      h('span', {}, t('cases.page', { page: fmtInt(state.page), pages: fmtInt(pages) })),
      h('button', { type: 'button', className: 'btn', id: 'cases-next', disabled: state.page >= pages, onclick: () => { state.page += 1; load(); } }, t('cases.next')));
    body.replaceChildren(counts, table, pager);
  };
  const load = () => {
    showLoading(body);
    getJson<FlagsResponse>('flags', { ...query(), page: state.page, pageSize: PAGE_SIZE })
      .then(draw, (e: unknown) => body.replaceChildren(errorState(e, load)));
  };
  load();
  return { reload: load };
}
