import type { TopicReviewResponse } from '../../../server/api/contract.ts';
import { CATEGORIES, CATEGORY_LABELS, type Category } from '../../../domain/categories.ts';
import { getJson, sendJson } from '../../api.ts';
import { fmtDateTime, fmtShare } from '../../i18n/format.ts';
import { label } from '../../i18n/lang.ts';
import { t } from '../../i18n/t.ts';
import { officeName, type ViewContext } from '../../state/context.ts';
import { h } from '../../ui/dom.ts';
import { errorState } from '../../ui/states.ts';

/** Department and admin may move a visit to another category by hand (recorded; the next retrain learns from it). */
export function canCorrectCategories(ctx: ViewContext): boolean {
  return ctx.session.user.role === 'department' || ctx.session.user.role === 'admin';
}

/**
 * The visits of the period the classifier was least sure of, each with a category choice and a
 * reason; and the latest corrections with who and why. `onChange` reloads the page's figures.
 */
export function correctionsPanel(ctx: ViewContext, onChange: () => void): HTMLElement {
  const box = h('div', { id: 'category-review' }, h('p', { className: 'note' }, t('topics.reviewLead')));
  const status = h('p', { className: 'note', role: 'status' });
  const catLabel = (c: Category) => label(CATEGORY_LABELS[c]);
  const draw = (data: TopicReviewResponse) => {
    const rows = data.visits.map((v) => {
      const select = h('select', { 'aria-label': t('topics.reviewTo') },
        ...CATEGORIES.map((c) => h('option', { value: c, selected: c === v.category }, catLabel(c))));
      const reason = h('input', { type: 'text', maxLength: 500, placeholder: t('topics.reviewReason'), 'aria-label': t('topics.reviewReason') });
      const save = h('button', { type: 'button', className: 'btn', onclick: () => void (async () => {
        if (select.value === v.category || reason.value.trim() === '') { status.textContent = t('topics.reviewNeed'); return; }
        try {
          await sendJson('POST', `visits/${v.id}/category`, { category: select.value, reason: reason.value });
          status.textContent = t('topics.reviewSaved');
          onChange();
        } catch (e) {
          status.replaceChildren(errorState(e));
        }
      })() }, t('topics.reviewSave'));
      return h('tr', {},
        h('td', {}, officeName(ctx.registry, v.office)), h('td', {}, fmtDateTime(v.arrivedAt)), h('td', {}, v.text),
        h('td', {}, `${catLabel(v.category)} (${fmtShare(v.confidence)})`), h('td', {}, select), h('td', {}, reason), h('td', {}, save));
    });
    const head = [t('col.office'), t('topics.reviewArrived'), t('topics.reviewText'), t('topics.reviewNow'), t('topics.reviewTo'), t('topics.reviewReason'), ''];
    box.append(
      h('div', { className: 'table-scroll' }, h('table', {}, h('thead', {}, h('tr', {}, ...head.map((x) => h('th', {}, x)))), h('tbody', {}, ...rows))),
      status,
      h('h3', {}, t('topics.reviewDone')),
      data.corrections.length === 0 ? h('p', { className: 'note' }, '—') : h('ul', {}, ...data.corrections.map((c) =>
        h('li', {}, `${fmtDateTime(c.at)} · ${c.actor}: ${catLabel(c.from)} → ${catLabel(c.to)} — ${c.reason}`))),
    );
  };
  getJson<TopicReviewResponse>('topics/review', { from: ctx.query.from, to: ctx.query.to, office: ctx.query.office, region: ctx.query.region })
    .then(draw).catch((e: unknown) => box.append(errorState(e)));
  return box;
}
