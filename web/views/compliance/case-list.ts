import type { Flag, FlagsResponse } from '../../../server/api/contract.ts';
import { FLAG_STATUSES } from '../../../server/api/contract.ts';
import { RULE_LABELS, RULES, type Rule } from '../../../domain/rules.ts';
import { apiUrl, getJson } from '../../api.ts';
import { CASE_SORTS, type CaseSort } from '../../../domain/flag-workflow.ts';
import { fmtDay, fmtInt, fmtMonth } from '../../i18n/format.ts';
import { getLang, label } from '../../i18n/lang.ts';
import type { MessageKey } from '../../i18n/t.ts';
import { t } from '../../i18n/t.ts';
import { monthStart, nextMonth } from '../../../domain/calendar.ts';
import { replaceQuietly } from '../../state/router.ts';
import type { CasesState } from '../../state/url-state.ts';
import { h } from '../../ui/dom.ts';
import { errorState, showLoading } from '../../ui/states.ts';
import { scrollTable } from '../../ui/table.ts';
import { flagStatusChip } from './flag-panel.ts';
import { fmtVerdictValue } from './matrix.ts';

const PAGE_SIZE = 10;

/** The months a case covers: one month by name, a span compactly as «10.2026–11.2026» so a row stays one line. */
export function fmtMonths(months: readonly string[]): string {
  if (months.length <= 1) return months[0] ? fmtMonth(months[0]) : '—';
  const mm = (m: string) => `${m.slice(5, 7)}.${m.slice(0, 4)}`;
  return `${mm(months[0]!)}–${mm(months.at(-1)!)}`;
}

/** The calendar months of a period, first days, for the month filter. */
function monthsOf(period: { from: string; to: string }): string[] {
  const out: string[] = [];
  for (let m = monthStart(period.from); m < period.to; m = nextMonth(m)) out.push(m);
  return out;
}

/**
 * The inspector's work list: filters by status, rule and month (office and period come from the
 * page's filter), order, server paging, counts per status, overdue cases marked and first, export.
 * Its state lives in the URL (web/state/url-state.ts), so a reload or a shared link shows the same page.
 */
export function caseList(host: HTMLElement, base: { from: string; to: string; office?: string }, initial: CasesState,
  officeName: (c: string) => string, onOpen: (f: Flag) => void): { reload(): void } {
  const months = monthsOf(base);
  // A month from a link that lies outside the period in view would empty the list: the period wins.
  const state: CasesState = { ...initial, month: initial.month && months.includes(`${initial.month}-01`) ? initial.month : null };
  const query = () => ({
    ...base, status: state.status === 'all' ? '' : state.status, rule: state.rule ?? '', month: state.month ? `${state.month}-01` : '', sort: state.sort,
  });
  const change = (patch: Partial<CasesState>) => {
    Object.assign(state, patch);
    replaceQuietly({ cases: { ...state } });
    load();
  };

  const select = <T extends string>(id: string, value: T, options: [T, string][], onChange: (v: T) => void) => {
    const el = h('select', { id }, ...options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)));
    el.addEventListener('change', () => onChange(el.value as T));
    return el;
  };
  const field = (id: string, text: string, control: HTMLElement) => h('div', { className: 'field' }, h('label', { for: id }, text), control);
  const filters = h('div', { className: 'case-filters', role: 'group', 'aria-label': t('compliance.flags') },
    field('case-status', t('cases.status'), select<CasesState['status']>('case-status', state.status,
      [['all', t('cases.allStatuses')], ...FLAG_STATUSES.map((s) => [s, t(`flag.status.${s}` as MessageKey)] as [Flag['status'], string])],
      (v) => change({ status: v, page: 1 }))),
    field('case-rule', t('cases.rule'), select<Rule | ''>('case-rule', state.rule ?? '',
      [['', t('cases.allRules')], ...RULES.map((r) => [r, label(RULE_LABELS[r])] as [Rule, string])],
      (v) => change({ rule: v || null, page: 1 }))),
    field('case-month', t('cases.month'), select<string>('case-month', state.month ?? '',
      [['', t('cases.allMonths')], ...months.map((m) => [m.slice(0, 7), fmtMonth(m)] as [string, string])],
      (v) => change({ month: v || null, page: 1 }))),
    field('case-sort', t('cases.sort'), select<CaseSort>('case-sort', state.sort, CASE_SORTS.map((s) => [s, t(`cases.sort.${s}`)]),
      (v) => change({ sort: v, page: 1 }))),
    h('a', { className: 'btn', id: 'cases-csv', href: '#', download: '' }, t('cases.csv')),
    h('a', { className: 'btn', id: 'cases-xlsx', href: '#', download: '' }, t('cases.xlsx')));
  const body = h('div', { id: 'cases-body' });
  host.replaceChildren(filters, body);

  const draw = (r: FlagsResponse) => {
    const pages = Math.max(1, Math.ceil(r.total / r.pageSize));
    // A page past the end (a link from when the list was longer): show the last one instead.
    if (r.flags.length === 0 && state.page > pages) { change({ page: pages }); return; }
    filters.querySelector<HTMLAnchorElement>('#cases-csv')!.href = apiUrl('flags', { ...query(), format: 'csv', lang: getLang() });
    filters.querySelector<HTMLAnchorElement>('#cases-xlsx')!.href = apiUrl('flags', { ...query(), format: 'xlsx', lang: getLang() });
    const counts = h('ul', { className: 'case-counts', id: 'case-counts' },
      ...FLAG_STATUSES.map((s) => h('li', {}, flagStatusChip(s), ` ${fmtInt(r.counts[s])}`)),
      r.counts.overdue ? h('li', { className: 'overdue' }, `${t('cases.overdue')}: ${fmtInt(r.counts.overdue)}`) : null);
    const table = r.flags.length === 0 ? h('p', { className: 'note' }, t('compliance.flagsEmpty')) : scrollTable({
      caption: t('compliance.flags'), hiddenCaption: true,
      head: [t('col.office'), t('flag.rule'), t('cases.months'), t('col.value'), t('flag.status'), t('flag.deadline')],
      // The office opens the case: the first column stays in view on a phone, where a trailing
      // «Открыть» column sat off screen to the right.
      rows: r.flags.map((f) => [
        h('button', {
          type: 'button', className: 'link-button', 'data-flag': String(f.id), 'data-office': f.office, 'data-rule': f.rule,
          'aria-label': `${t('flag.open')}: ${officeName(f.office)} · ${label(RULE_LABELS[f.rule])}`, onclick: () => onOpen(f),
        }, officeName(f.office)),
        label(RULE_LABELS[f.rule]), fmtMonths(f.months), fmtVerdictValue(f), flagStatusChip(f.status),
        f.deadline ? h('span', { className: f.overdue ? 'overdue' : '' }, fmtDay(f.deadline), f.overdue ? ` · ${t('cases.overdue')}` : '') : '—']),
    });
    table.querySelectorAll('tbody tr').forEach((tr, i) => { if (r.flags[i]?.overdue) tr.classList.add('case-overdue'); });
    const pager = h('div', { className: 'case-pager' },
      h('span', {}, t('cases.found', { n: fmtInt(r.total) })),
      h('button', { type: 'button', className: 'btn', id: 'cases-prev', disabled: state.page <= 1, onclick: () => change({ page: state.page - 1 }) }, t('cases.prev')),
      h('span', {}, t('cases.page', { page: fmtInt(state.page), pages: fmtInt(pages) })),
      h('button', { type: 'button', className: 'btn', id: 'cases-next', disabled: state.page >= pages, onclick: () => change({ page: state.page + 1 }) }, t('cases.next')));
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
