import { ApiError } from '../api.ts';
import { t } from '../i18n/t.ts';
import { h } from '../ui/dom.ts';
import { login, type Session } from '../state/session.ts';

/** The sign-in form; calls back with the session so the shell can send the user to their view. */
export function renderLogin(root: HTMLElement, expired: boolean, onDone: (s: Session) => void): void {
  const name = h('input', { id: 'login-name', name: 'username', autocomplete: 'username', required: true });
  const password = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const msg = h('p', { className: 'form-error', role: 'alert' }, expired ? t('auth.expired') : '');
  const submit = h('button', { type: 'submit', className: 'btn btn-primary' }, t('auth.submit'));
  const form = h('form', { className: 'login-card card', 'aria-labelledby': 'login-title' },
    h('h1', { id: 'login-title' }, t('auth.title')),
    h('p', { className: 'note' }, t('auth.lead')),
    h('label', { for: 'login-name' }, t('auth.name')), name,
    h('label', { for: 'login-password' }, t('auth.password')), password,
    msg, submit);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!name.value.trim() || !password.value) { msg.textContent = t('auth.required'); return; }
    submit.disabled = true;
    msg.textContent = '';
    login(name.value.trim(), password.value).then(onDone, (err: unknown) => {
      submit.disabled = false;
      msg.textContent = err instanceof ApiError && (err.status === 401 || err.status === 400)
        ? t('auth.wrong')
        : err instanceof Error ? err.message : String(err);
      password.select();
    });
  });
  root.replaceChildren(h('div', { className: 'login-wrap' }, form));
  name.focus();
}
