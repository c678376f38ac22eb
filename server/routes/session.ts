import type { Request, Router } from 'express';
import type { Kysely } from 'kysely';
import { createSession, deleteSession, findUserByName } from '../../sql/queries/users.ts';
import { getCoverage } from '../../sql/queries/coverage.ts';
import { getDataRange } from '../../sql/queries/volumes.ts';
import type { Database } from '../../sql/schema.ts';
import { ROUTES, type MeResponse } from '../api/contract.ts';
import { clearSessionCookie, readSessionCookie, SESSION_TTL_MS, setSessionCookie } from '../auth/cookies.ts';
import { dummyHash, verifyPassword } from '../auth/passwords.ts';
import { createLoginLimiter } from '../auth/rate-limit.ts';
import { HttpError } from '../http/http-error.ts';
import type { SessionUser } from '../http/request-context.ts';
import { mount } from '../http/route.ts';
import type { RouteDeps } from './deps.ts';

async function meBody(db: Kysely<Database>, user: Pick<SessionUser, 'name' | 'role' | 'csrfToken'>): Promise<MeResponse> {
  const [range, coverage] = await Promise.all([getDataRange(db), getCoverage(db)]);
  return { user: { name: user.name, role: user.role }, csrfToken: user.csrfToken, data: { ...range, completeTo: coverage.completeTo } };
}

const clientIp = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';

/** GET /api/me, POST /api/login (rate limited), POST /api/logout. */
export function sessionRoutes(router: Router, { handle: { db }, config }: RouteDeps): void {
  const limit = config.loginLimit ?? { max: 10, windowMs: 15 * 60_000 };
  const limiter = createLoginLimiter(limit.max, limit.windowMs);
  const secure = config.production;

  mount(router, ROUTES.me, async ({ user, res }) => {
    res.set('Cache-Control', 'no-store').json(await meBody(db, user));
  });

  mount(router, ROUTES.login, async ({ body, req, res }) => {
    const ip = clientIp(req);
    const wait = limiter.retryAfter(ip, body.name);
    if (wait > 0) {
      res.set('Retry-After', String(wait));
      throw HttpError.of('rate_limited', `Too many failed logins; try again in ${Math.ceil(wait / 60)} min`);
    }
    const found = await findUserByName(db, body.name);
    // Verify against a dummy hash when the name is unknown, so the answer time does not tell.
    const ok = await verifyPassword(found?.password_hash ?? (await dummyHash()), body.password);
    if (!found || !ok) {
      limiter.fail(ip, body.name);
      req.log.warn({ event: 'login_failed' }, 'login failed');
      throw HttpError.of('unauthorized', 'Wrong user name or password');
    }
    limiter.succeed(ip, body.name);
    const { token, csrfToken } = await createSession(db, found.id, SESSION_TTL_MS);
    setSessionCookie(res, token, secure);
    req.log.info({ event: 'login', user: found.name }, 'logged in');
    res.set('Cache-Control', 'no-store').json(await meBody(db, { name: found.name, role: found.role, csrfToken }));
  });

  mount(router, ROUTES.logout, async ({ req, res }) => {
    const token = readSessionCookie(req);
    if (token) await deleteSession(db, token);
    clearSessionCookie(res, secure);
    res.json({ ok: true });
  });
}
