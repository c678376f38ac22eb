import { ApiError } from '../api.ts';
import { t } from '../i18n/t.ts';
import { clear, h } from './dom.ts';

/** Loading, empty and error states that say what happened, in place of the content they stand for. */
export function showLoading(el: Element): void {
  clear(el, h('div', { className: 'state state-loading', role: 'status' }, h('span', { className: 'spinner', 'aria-hidden': 'true' }), t('state.loading')));
}

export function emptyState(text: string = t('state.empty'), hint: string = t('state.emptyHint')): HTMLElement {
  return h('div', { className: 'state state-empty', role: 'status' }, h('strong', {}, text), hint ? h('span', {}, hint) : null);
}

/** Explains a failure in words: the server's own message when it sent one, what to do otherwise. */
export function errorState(err: unknown, retry?: () => void): HTMLElement {
  let detail: string;
  if (err instanceof ApiError) {
    if (err.status === 0) detail = t('state.network');
    else if (err.status === 403) detail = t('state.forbidden');
    else if (err.status === 404) detail = t('state.notFound');
    else detail = `${err.message} (HTTP ${err.status})`;
  } else {
    detail = err instanceof Error ? err.message : String(err);
  }
  return h('div', { className: 'state state-error', role: 'alert' },
    h('strong', {}, t('state.error')),
    h('span', {}, detail),
    retry ? h('button', { type: 'button', className: 'btn', onclick: () => retry() }, t('state.retry')) : null);
}

export function showError(el: Element, err: unknown, retry?: () => void): void {
  clear(el, errorState(err, retry));
}
