import type { FlagActionBody, FlagDetailResponse } from '../../../server/api/contract.ts';
import { almatyToday } from '../../../domain/calendar.ts';
import { RULE_LABELS } from '../../../domain/rules.ts';
import { ApiError, getJson, sendJson } from '../../api.ts';
import { fmtDateTime, fmtDay, fmtMinutes, fmtMonth } from '../../i18n/format.ts';
import { evidenceLines, findingText } from '../../i18n/evidence/index.ts';
import { label } from '../../i18n/lang.ts';
import type { MessageKey } from '../../i18n/t.ts';
import { t } from '../../i18n/t.ts';
import { h } from '../../ui/dom.ts';
import { errorState, showLoading } from '../../ui/states.ts';
import { scrollTable } from '../../ui/table.ts';
import { fmtVerdictThreshold, fmtVerdictValue } from './matrix.ts';

type Detail = FlagDetailResponse;
type Action = FlagActionBody['action'];

const ACTION_NAMES = new Set(['confirm', 'dismiss', 'set_deadline', 'resolve', 'comment', 'open', 'reopen', 'add_month', 'update_evidence']);
function actionName(action: string): string {
  return ACTION_NAMES.has(action) ? t(`flag.action.${action}` as MessageKey) : action;
}

export function flagStatusChip(status: string): HTMLElement {
  return h('span', { className: `chip chip-${status}` }, t(`flag.status.${status}` as MessageKey));
}

/** The months a case covers, one after another: each opens that month's evidence. */
function monthLinks(d: Detail, pick: (month: string) => void): HTMLElement {
  return h('p', { className: 'case-months' }, `${t('cases.months')}: `, ...d.flag.months.flatMap((m, i) => [
    i ? ', ' : '',
    m === d.evidenceMonth ? h('strong', { 'aria-current': 'true' }, fmtMonth(m))
      : h('button', { type: 'button', className: 'link-button', 'data-month': m, onclick: () => pick(m) }, fmtMonth(m)),
  ]));
}

/**
 * One case: the months it covers, the evidence of one month and the visits behind it, its audit
 * trail and — for the inspector — only the actions its status allows. A dismissal needs a reason,
 * a resolution a note (or inspection) and the day the fix was seen, a deadline today or later.
 */
export function flagPanel(host: HTMLElement, id: number, officeName: (c: string) => string, canAct: boolean,
  onChanged: (d: Detail) => void, month?: string): void {
  const show = (d: Detail, message = '') => {
    const f = d.flag;
    host.replaceChildren(h('section', { className: 'card flag-panel', id: 'flag-panel', 'aria-labelledby': 'flag-title', tabindex: '-1' },
      h('header', { className: 'card-head' },
        h('div', {}, h('h2', { id: 'flag-title' }, `${officeName(f.office)} · ${label(RULE_LABELS[f.rule])}`),
          h('p', { className: 'note' }, `${t('col.value')}: ${fmtVerdictValue(f)} · ${t('col.threshold')}: ${fmtVerdictThreshold(f)}`,
            f.deadline ? ` · ${t('flag.deadline')}: ${fmtDay(f.deadline)}${f.overdue ? ` (${t('cases.overdue')})` : ''}` : '',
            f.closedOn ? ` · ${t('flag.closed', { date: fmtDay(f.closedOn) })}` : '')),
        flagStatusChip(f.status)),
      monthLinks(d, (m) => flagPanel(host, id, officeName, canAct, onChanged, m)),
      h('h3', { id: 'flag-evidence-title' }, t('flag.evidenceFor', { month: fmtMonth(d.evidenceMonth) })),
      d.evidence.lines.length ? h('ul', { className: 'evidence' }, ...evidenceLines(d.evidence.lines, d.evidence.evidence_items).map((l) => h('li', {}, l))) : h('p', { className: 'note' }, t('flag.noEvidence')),
      d.evidence.visits.length ? h('div', {}, h('h3', {}, t('flag.evidenceVisits')), scrollTable({
        caption: t('flag.evidenceVisits'), hiddenCaption: true,
        head: ['№', t('evidence.arrived'), t('evidence.delay'), t('evidence.source')], numeric: [2],
        rows: d.evidence.visits.slice(0, 50).map((v) => [v.visitRef ?? '—', fmtDateTime(v.arrivedAt),
          v.minutes === null ? '—' : fmtMinutes(v.minutes), h('span', { className: 'raw' }, v.source)]),
      })) : null,
      canAct ? actions(d) : h('p', { className: 'note' }, t('compliance.readOnly')),
      message ? h('p', { role: 'status', className: 'status-line' }, message) : null,
      h('h3', {}, t('flag.audit')),
      d.audit.length === 0 ? h('p', { className: 'note' }, t('flag.auditEmpty'))
        : h('ol', { className: 'audit', id: 'audit-trail' }, ...d.audit.map((a) => {
          const finding = a.items?.length ? findingText(a.items) : null;
          return h('li', {},
            h('time', { datetime: a.at }, fmtDateTime(a.at)),
            h('span', {}, h('strong', {}, a.actor), ' ', actionName(a.action), a.month ? ` · ${fmtMonth(a.month)}` : '',
              a.deadline ? ` (${fmtDay(a.deadline)})` : '', a.seenOn ? ` · ${fmtDay(a.seenOn)}` : ''),
            finding ? h('div', { className: 'note' }, finding) : a.note ? h('div', { className: 'note' }, `«${a.note}»`) : null);
        }))));
  };

  const actions = (d: Detail) => {
    const allowed = new Set(d.flag.actions);
    if (allowed.size === 0) return null;
    const note = h('textarea', { id: 'flag-note', rows: 2, maxlength: 2000 });
    const today = almatyToday();
    const deadline = h('input', { type: 'date', id: 'flag-deadline', value: d.flag.deadline ?? '', min: today });
    const seen = h('input', { type: 'date', id: 'flag-seen', value: today, max: today });
    const err = h('p', { className: 'form-error', role: 'alert' });
    const send = (action: Action) => async () => {
      err.textContent = '';
      const body: FlagActionBody = { action, ...(note.value.trim() ? { note: note.value.trim() } : {}) };
      if ((action === 'dismiss' || action === 'resolve') && !note.value.trim()) { err.textContent = t('flag.noteRequired'); note.focus(); return; }
      if (action === 'resolve' || action === 'dismiss') body.seen = seen.value || today;
      if (action === 'set_deadline') {
        if (!deadline.value) { err.textContent = t('flag.deadlineRequired'); deadline.focus(); return; }
        if (deadline.value < today) { err.textContent = t('flag.pastDeadline'); deadline.focus(); return; }
        body.deadline = deadline.value;
      }
      try {
        await sendJson<Detail>('POST', `flags/${id}/actions`, body);
        // Stay on the month being read: the answer shows the latest month's evidence.
        const next = await getJson<Detail>(`flags/${id}`, { month: d.evidenceMonth });
        onChanged(next);
        show(next, t('flag.done'));
        host.querySelector<HTMLElement>('#flag-panel')?.focus();
      } catch (e) {
        if (e instanceof ApiError && e.status === 409) {
          // The case changed under us: show its real state with the reason, never «Сохранено».
          const fresh = await getJson<Detail>(`flags/${id}`, { month: d.evidenceMonth });
          onChanged(fresh);
          show(fresh, t('flag.conflict', { status: t(`flag.status.${fresh.flag.status}` as MessageKey).toLowerCase() }));
          return;
        }
        err.replaceChildren(errorState(e));
      }
    };
    const btn = (idName: string, text: string, action: Action, cls = 'btn') => (allowed.has(action)
      ? h('button', { type: 'button', className: cls, id: idName, onclick: () => void send(action)() }, text) : null);
    return h('div', { className: 'actions' },
      h('label', { for: 'flag-note' }, t('flag.note')), note,
      h('div', { className: 'actions-row' },
        btn('flag-confirm', t('flag.confirm'), 'confirm', 'btn btn-primary'),
        btn('flag-dismiss', t('flag.dismiss'), 'dismiss', 'btn btn-danger'),
        btn('flag-resolve', t('flag.resolve'), 'resolve'),
        btn('flag-comment', t('flag.comment'), 'comment')),
      h('div', { className: 'actions-row' },
        ...(allowed.has('resolve') ? [h('label', { for: 'flag-seen' }, t('flag.seen')), seen] : []),
        ...(allowed.has('set_deadline') ? [h('label', { for: 'flag-deadline' }, t('flag.deadline')), deadline,
          btn('flag-set-deadline', t('flag.setDeadline'), 'set_deadline')] : [])),
      err);
  };

  showLoading(host);
  getJson<Detail>(`flags/${id}`, month ? { month } : {}).then((d) => { show(d); host.querySelector<HTMLElement>('#flag-panel')?.focus(); },
    (e: unknown) => host.replaceChildren(errorState(e, () => flagPanel(host, id, officeName, canAct, onChanged, month))));
}
