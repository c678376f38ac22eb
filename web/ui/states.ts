import { ApiError } from '../api.ts';
import { t } from '../i18n/t.ts';
import { forgetSession } from '../state/session.ts';
import { navigate } from '../state/router.ts';
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
  if (err instanceof ApiError && err.status === 401) {
    // The session ended (expired or signed out elsewhere): sign in again and come back here.
    return h('div', { className: 'state state-error', role: 'alert' }, h('strong', {}, t('auth.expired')),
      h('button', { type: 'button', className: 'btn btn-primary', onclick: () => { forgetSession(); navigate({ view: 'login', next: location.hash }); } }, t('auth.submit')));
  }
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

/**
 * Shows a loading state in a slot until its data arrives, then lets draw fill it; a failure is
 * explained in that slot only, with a retry that asks again. Nothing happens once the view is gone.
 */
export function fillWhenReady<T>(slot: HTMLElement, data: Promise<T>, alive: () => boolean, draw: (value: T) => void): void {
  showLoading(slot);
  data.then((value) => {
    if (!alive()) return;
    slot.replaceChildren();
    draw(value);
  }, (err: unknown) => {
    if (alive()) showError(slot, err);
  });
}
