import { formatHash, parseHash, type UrlState } from './url-state.ts';

type Listener = (state: UrlState) => void;
const listeners = new Set<Listener>();

export function currentState(): UrlState {
  return parseHash(location.hash);
}

/** Moves to a new state; every filter change is a history entry so back/forward walk through them. */
export function navigate(patch: Partial<UrlState>, opts: { replace?: boolean } = {}): void {
  const hash = formatHash({ ...currentState(), ...patch });
  if (hash === location.hash) return;
  if (opts.replace) {
    history.replaceState(null, '', hash);
    emit();
  } else {
    location.hash = hash; // fires hashchange → emit
  }
}

/** Records a change the view already drew (a line switched on) without rebuilding the page. */
export function replaceQuietly(patch: Partial<UrlState>): void {
  history.replaceState(null, '', formatHash({ ...currentState(), ...patch }));
}

/** A link target for the same filters on another view (office pages, nav). */
export function hrefFor(patch: Partial<UrlState>): string {
  return formatHash({ ...currentState(), ...patch });
}

export function onRouteChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function emit(): void {
  const state = currentState();
  for (const l of listeners) l(state);
}

window.addEventListener('hashchange', emit);
