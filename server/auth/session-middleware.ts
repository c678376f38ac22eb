import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Kysely } from 'kysely';
import { findSession } from '../../sql/queries/users.ts';
import type { Database } from '../../sql/schema.ts';
import { CSRF_HEADER } from '../api/contract.ts';
import { HttpError } from '../http/http-error.ts';
import { readSessionCookie } from './cookies.ts';

/** Sets req.user from the session cookie when it names a live session; never refuses by itself. */
export function loadSession(db: Kysely<Database>): RequestHandler {
  return async (req, _res, next) => {
    const token = readSessionCookie(req);
    if (token) {
      const s = await findSession(db, token);
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
