import type { FlagActionBody, FlagDetailResponse } from '../../../server/api/contract.ts';
import { RULE_LABELS } from '../../../sql/domain/rules.ts';
import { getJson, sendJson } from '../../api.ts';
import { fmtDateTime, fmtDay, fmtMinutes, fmtMonth } from '../../i18n/format.ts';
import { evidenceLines } from '../../i18n/evidence/index.ts';
import { label } from '../../i18n/lang.ts';
import type { MessageKey } from '../../i18n/t.ts';
import { t } from '../../i18n/t.ts';
import { h } from '../../ui/dom.ts';
import { errorState, showLoading } from '../../ui/states.ts';
import { scrollTable } from '../../ui/table.ts';
import { fmtVerdictValue } from './matrix.ts';

type Detail = FlagDetailResponse;

function actionName(action: string): string {
  const key = `flag.action.${action}`;
  return key in { 'flag.action.confirm': 1, 'flag.action.dismiss': 1, 'flag.action.set_deadline': 1, 'flag.action.resolve': 1, 'flag.action.comment': 1, 'flag.action.open': 1, 'flag.action.reopen': 1 }
    ? t(key as MessageKey) : action;
}

export function flagStatusChip(status: string): HTMLElement {
  return h('span', { className: `chip chip-${status}` }, t(`flag.status.${status}` as MessageKey));
}

/**
 * One flag: the evidence lines and visits behind it, its audit trail and — for the inspector —
 * the actions. A dismissal needs a reason and a deadline needs a date, checked before sending.
 */
export function flagPanel(host: HTMLElement, id: number, officeName: (c: string) => string, canAct: boolean, onChanged: (d: Detail) => void): void {
  const show = (d: Detail, message = '') => {
    const f = d.flag;
    host.replaceChildren(h('section', { className: 'card flag-panel', id: 'flag-panel', 'aria-labelledby': 'flag-title', tabindex: '-1' },
      h('header', { className: 'card-head' },
        h('div', {}, h('h2', { id: 'flag-title' }, `${officeName(f.office)} · ${label(RULE_LABELS[f.rule])}`),
          h('p', { className: 'note' }, `${fmtMonth(f.month)} · ${t('col.value')}: ${fmtVerdictValue(f)} · ${t('col.threshold')}: ${fmtVerdictValue({ rule: f.rule, value: f.threshold })}`,
            f.deadline ? ` · ${t('flag.deadline')}: ${fmtDay(f.deadline)}` : '')),
        flagStatusChip(f.status)),
      h('h3', {}, t('flag.evidence')),
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
        : h('ol', { className: 'audit', id: 'audit-trail' }, ...d.audit.map((a) => h('li', {},
          h('time', { datetime: a.at }, fmtDateTime(a.at)),
          h('span', {}, h('strong', {}, a.actor), ' ', actionName(a.action), a.deadline ? ` (${fmtDay(a.deadline)})` : ''),
          a.note ? h('div', { className: 'note' }, `«${a.note}»`) : null)))));
  };

  const actions = (d: Detail) => {
    const note = h('textarea', { id: 'flag-note', rows: 3, maxlength: 2000 });
    const deadline = h('input', { type: 'date', id: 'flag-deadline', value: d.flag.deadline ?? '' });
    const err = h('p', { className: 'form-error', role: 'alert' });
    const send = (action: FlagActionBody['action']) => async () => {
      const body: FlagActionBody = { action, ...(note.value.trim() ? { note: note.value.trim() } : {}) };
      if (action === 'dismiss' && !note.value.trim()) { err.textContent = t('flag.noteRequired'); note.focus(); return; }
      if (action === 'set_deadline') {
        if (!deadline.value) { err.textContent = t('flag.deadlineRequired'); deadline.focus(); return; }
        body.deadline = deadline.value;
      }
      try {
        const next = await sendJson<Detail>('POST', `flags/${id}/actions`, body);
        onChanged(next);
        show(next, t('flag.done'));
        host.querySelector<HTMLElement>('#flag-panel')?.focus();
      } catch (e) { err.replaceChildren(errorState(e)); }
    };
    const btn = (idName: string, text: string, action: FlagActionBody['action'], cls = 'btn') =>
      h('button', { type: 'button', className: cls, id: idName, onclick: () => void send(action)() }, text);
    return h('div', { className: 'actions' },
      h('label', { for: 'flag-note' }, t('flag.note')), note,
      h('div', { className: 'actions-row' },
        btn('flag-confirm', t('flag.confirm'), 'confirm', 'btn btn-primary'),
        btn('flag-dismiss', t('flag.dismiss'), 'dismiss', 'btn btn-danger'),
        btn('flag-resolve', t('flag.resolve'), 'resolve'),
        btn('flag-comment', t('flag.comment'), 'comment')),
      h('div', { className: 'actions-row' },
        h('label', { for: 'flag-deadline' }, t('flag.deadline')), deadline,
        btn('flag-set-deadline', t('flag.setDeadline'), 'set_deadline')),
      err);
  };

  showLoading(host);
  getJson<Detail>(`flags/${id}`).then((d) => { show(d); host.querySelector<HTMLElement>('#flag-panel')?.focus(); },
    (e: unknown) => host.replaceChildren(errorState(e, () => flagPanel(host, id, officeName, canAct, onChanged))));
}
