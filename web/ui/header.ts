import { LANGS, type Lang } from '../../domain/labels.ts';
import { getLang } from '../i18n/lang.ts';
import { t } from '../i18n/t.ts';
import { ROLE_VIEWS } from '../state/access.ts';
import { hrefFor, navigate } from '../state/router.ts';
import type { Session } from '../state/session.ts';
import type { View } from '../state/url-state.ts';
import { h } from './dom.ts';

const LANG_NAMES: Readonly<Record<Lang, string>> = { ru: 'Русский', kk: 'Қазақша', en: 'English' };

function langSelect(): HTMLElement {
  const select = h('select', { id: 'lang', 'aria-label': t('lang.label') },
    ...LANGS.map((l) => h('option', { value: l, selected: l === getLang(), lang: l }, LANG_NAMES[l])));
  select.addEventListener('change', () => navigate({ lang: select.value as Lang }));
  return select;
}

/** Brand, the role's sections, language and the signed-in user. */
export function header(session: Session | null, view: View, onLogout: () => void): HTMLElement {
  const nav = session
    ? h('nav', { className: 'nav', 'aria-label': t('nav.label') },
      ...ROLE_VIEWS[session.user.role].map((v) => h('a', {
        // From an office page, links drop its code: "Offices" leads back to the list, other views unfiltered.
        href: hrefFor({ view: v, ...(view === 'office' ? { office: null } : {}) }),
        'aria-current': v === view ? 'page' : null,
        id: `nav-${v}`,
      }, t(`nav.${v}` as const))))
    : null;
  return h('header', { className: 'topbar' },
    h('div', { className: 'brand' },
      h('span', { className: 'logo', 'aria-hidden': 'true' }),
      h('span', {}, h('strong', {}, t('app.title')), h('small', {}, t('app.subtitle')))),
    nav,
    h('div', { className: 'topbar-tools' },
      langSelect(),
      session ? h('span', { className: 'user' }, h('span', {}, session.user.name), h('small', {}, t(`role.${session.user.role}` as const))) : null,
      session ? h('button', { type: 'button', className: 'btn btn-quiet', id: 'logout', onclick: onLogout }, t('auth.logout')) : null));
}
