import type { MeAnswer, MeResponse, OfficesResponse } from '../../server/api/contract.ts';
import { getJson, sendJson, setCsrfToken } from '../api.ts';
import { almatyToday } from './period.ts';

export type Session = MeResponse;
let session: Session | null = null;
let registry: OfficesResponse | null = null;

export function currentSession(): Session | null { return session; }

/** Who is logged in, or null (`{"user":null}`). Failures propagate so the page can say what happened. */
export async function loadSession(): Promise<Session | null> {
  const me = await getJson<MeAnswer>('me');
  session = me.user === null ? null : me;
  if (session) setCsrfToken(session.csrfToken);
  return session;
}

export async function login(name: string, password: string): Promise<Session> {
  session = await sendJson<MeResponse>('POST', 'login', { name, password });
  setCsrfToken(session.csrfToken);
  return session;
}

/** Drops the remembered session after the server said it has ended. */
export function forgetSession(): void {
  session = null;
  registry = null;
  setCsrfToken('');
}

export async function logout(): Promise<void> {
  try { await sendJson('POST', 'logout'); } finally { session = null; registry = null; setCsrfToken(''); }
}

/** The office registry, fetched once per session (names in three languages, coordinates). */
export async function offices(): Promise<OfficesResponse> {
  registry ??= await getJson<OfficesResponse>('offices');
  return registry;
}

/**
 * The day periods are anchored to: completeTo, the last day every active office's logs reach
 * (contract §8), so an office sending ahead moves nothing and past demo data still shows.
 */
export function anchorDay(): string {
  return session?.data.completeTo ?? session?.data.lastDay ?? almatyToday();
}
