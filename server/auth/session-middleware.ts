import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Kysely } from 'kysely';
import { findSession, type SessionRecord } from '../../sql/queries/users.ts';
import type { Database } from '../../sql/schema.ts';
import { CSRF_HEADER } from '../api/contract.ts';
import { sharedRead } from '../cache/shared-read.ts';
import { serverNow } from '../http/clock.ts';
import { HttpError } from '../http/http-error.ts';
import { readSessionCookie } from './cookies.ts';

/**
 * How long a looked-up session is believed without asking the database again. Every request
 * needs its session, and the dashboard fires several at once; a session ended elsewhere (a
 * password change, `vitrina user disable`, a logout on another server process) ends here within
 * this time, a logout in this process at once.
 */
export const SESSION_RECHECK_MS = 2000;

export interface SessionLookup {
  find(token: string): Promise<SessionRecord | undefined>;
  forget(token: string): void;
}

export function sessionLookup(db: Kysely<Database>): SessionLookup {
  const read = sharedRead((token: string) => findSession(db, token), SESSION_RECHECK_MS, serverNow);
  return { find: (token) => read.get(token), forget: (token) => read.drop(token) };
}

/** Sets req.user from the session cookie when it names a live session; never refuses by itself. */
export function loadSession(sessions: SessionLookup): RequestHandler {
  return async (req, _res, next) => {
    const token = readSessionCookie(req);
    if (token) {
      const s = await sessions.find(token);
      if (s) req.user = { id: s.userId, name: s.name, role: s.role, csrfToken: s.csrfToken };
    }
    next();
  };
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF: a state-changing request from a logged-in session must echo the session's token in
 * X-CSRF-Token (synchronizer token, handed out by /api/me). Login has no session yet; it is
 * protected by requiring a JSON body, which a cross-site form cannot send without a CORS preflight.
 */
export const csrfProtection: RequestHandler = (req, _res, next) => {
  // Login is exempt even with a live session (switching user without logging out first).
  if (SAFE.has(req.method) || !req.user || req.path === '/api/login') {
    next();
    return;
  }
  const sent = Buffer.from(req.get(CSRF_HEADER) ?? '');
  const expected = Buffer.from(req.user.csrfToken);
  if (sent.length !== expected.length || !timingSafeEqual(sent, expected)) {
    next(HttpError.of('csrf', `Missing or wrong ${CSRF_HEADER} header: send the token from GET /api/me`));
    return;
  }
  next();
};
