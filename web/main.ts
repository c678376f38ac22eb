import { t } from './i18n/t.ts';
import { getLang, initialLang, setLang } from './i18n/lang.ts';
import { canSee, homeView } from './state/access.ts';
import type { Cleanup, ViewContext, ViewModule } from './state/context.ts';
import { presetPeriod } from './state/period.ts';
import { currentState, navigate, onRouteChange } from './state/router.ts';
import { anchorDay, currentSession, loadSession, logout, offices } from './state/session.ts';
import type { UrlState, View } from './state/url-state.ts';
import { clear, h } from './ui/dom.ts';
import { filterBar } from './ui/filter-bar.ts';
import { header } from './ui/header.ts';
import { errorState, showLoading } from './ui/states.ts';
import { renderLogin } from './views/login.ts';

/** Views load on demand, so the sign-in page does not wait for ECharts and Arrow. */
const VIEWS: Readonly<Record<Exclude<View, 'login'>, () => Promise<ViewModule>>> = {
  overview: () => import('./views/overview.ts'),
  topics: () => import('./views/topics.ts'),
  compliance: () => import('./views/compliance.ts'),
  office: () => import('./views/office.ts'),
  data: () => import('./views/data.ts'),
};
const FILTERED: ReadonlySet<View> = new Set(['overview', 'topics', 'compliance', 'office']);
const OFFICE_FILTER: ReadonlySet<View> = new Set(['overview', 'topics', 'compliance']);

const app = document.getElementById('app') as HTMLElement;
let cleanup: Cleanup | null = null;
let renderSeq = 0;

async function render(state: UrlState): Promise<void> {
  const seq = ++renderSeq;
  const focusedId = document.activeElement?.id ?? '';
  if (state.lang && state.lang !== getLang()) setLang(state.lang);
  document.title = `${t('app.title')} — ${t('app.subtitle')}`;
  (document.querySelector('.skip-link') as HTMLElement | null)?.replaceChildren(t('app.skip'));
  cleanup?.(); cleanup = null;

  const session = currentSession();
  if (!session) {
    if (state.view !== 'login') { navigate({ view: 'login', next: location.hash }, { replace: true }); return; }
    clear(app, header(null, 'login', () => undefined), h('main', { id: 'main' }));
    renderLogin(app.querySelector('main') as HTMLElement, false, () => {
      const next = currentState().next;
      if (next && !next.startsWith('#/login')) { location.hash = next; return; }
      navigate({ view: homeView(currentSession()!.user.role), next: null });
    });
    return;
  }
  if (state.view === 'login' || !canSee(session.user.role, state.view)) {
    navigate({ view: homeView(session.user.role), next: null }, { replace: true });
    return;
  }
  const anchor = anchorDay();
  if (!state.from || !state.to) {
    // The default: the last complete calendar month (contract §8).
    const p = presetPeriod('prev_month', anchor);
    navigate({ from: p.from, to: p.to }, { replace: true });
    return;
  }
  const period = { from: state.from, to: state.to };
  const main = h('main', { id: 'main', tabindex: '-1' });
  clear(app, header(session, state.view, () => { void logout().then(() => navigate({ view: 'login', next: null })); }));
  app.append(main);
  showLoading(main);
  try {
    const [registry, mod] = await Promise.all([offices(), VIEWS[state.view as Exclude<View, 'login'>]()]);
    if (seq !== renderSeq) return;
    if (FILTERED.has(state.view)) {
      main.before(filterBar(state, period, anchor, registry, {
        office: OFFICE_FILTER.has(state.view), compare: state.view !== 'compliance',
        // Press may ask only whole calendar months, quarters and years (disclosure control): offer only those.
        calendarOnly: session.user.role === 'press',
      }));
    }
    const ctx: ViewContext = {
      root: main, state, period, session, registry,
      query: {
        from: period.from, to: period.to, ...(state.office && state.view !== 'office' ? { office: state.office } : {}), ...(state.region ? { region: state.region } : {}),
        ...(state.cmp === 'year' ? { compare: 'year_ago' as const } : {}),
      },
    };
    main.replaceChildren();
    cleanup = mod.render(ctx);
  } catch (err) {
    if (seq === renderSeq) clear(main, errorState(err, () => void render(currentState())));
  }
  // Keep keyboard focus on the control the user just changed (the page is rebuilt on every change).
  if (focusedId) document.getElementById(focusedId)?.focus();
}

async function boot(): Promise<void> {
  const first = currentState();
  setLang(first.lang ?? initialLang());
  showLoading(app);
  // Fetch the view's code while the session is checked; the render below then finds it loaded.
  if (first.view !== 'login') void VIEWS[first.view]().catch(() => undefined);
  try {
    await loadSession();
  } catch (err) {
    clear(app, errorState(err, () => void boot()));
    return;
  }
  onRouteChange((s) => void render(s));
  void render(first);
}

void boot();
