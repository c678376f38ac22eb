import type { Request, Router } from 'express';
import type { Kysely } from 'kysely';
import { createSession, deleteSession, findUserByName } from '../../sql/queries/users.ts';
import { getCoverage } from '../../sql/queries/coverage.ts';
import { getDataRange } from '../../sql/queries/volumes.ts';
import type { Database } from '../../sql/schema.ts';
import { ROUTES, type MeAnswer, type MeResponse } from '../api/contract.ts';
import { clearSessionCookie, readSessionCookie, SESSION_TTL_MS, setSessionCookie } from '../auth/cookies.ts';
import { dummyHash, verifyPassword } from '../auth/passwords.ts';
import { createLoginLimiter, DEFAULT_LOGIN_LIMIT } from '../auth/rate-limit.ts';
import { HttpError } from '../http/http-error.ts';
import type { SessionUser } from '../http/request-context.ts';
import { mount } from '../http/route.ts';
import type { RouteDeps } from './deps.ts';

async function meBody(db: Kysely<Database>, user: Pick<SessionUser, 'name' | 'role' | 'csrfToken'>): Promise<MeResponse> {
  const [range, coverage] = await Promise.all([getDataRange(db), getCoverage(db)]);
  return { user: { name: user.name, role: user.role }, csrfToken: user.csrfToken, data: { ...range, completeTo: coverage.completeTo } };
}

/** The socket's address, or what a configured proxy says (TRUST_PROXY); a client cannot choose it otherwise. */
const clientAddress = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';

/** GET /api/me, POST /api/login (rate limited), POST /api/logout. */
export function sessionRoutes(router: Router, { handle: { db }, config, sessions }: RouteDeps): void {
  const limiter = createLoginLimiter(db, { ...DEFAULT_LOGIN_LIMIT, ...config.loginLimit });
  const secure = config.production;

  mount(router, ROUTES.me, async ({ user, res }) => {
    const body: MeAnswer = user ? await meBody(db, user) : { user: null };
    res.set('Cache-Control', 'no-store').json(body);
  });

  mount(router, ROUTES.login, async ({ body, req, res }) => {
    const address = clientAddress(req);
    const wait = await limiter.retryAfter(address, body.name);
    if (wait > 0) {
      res.set('Retry-After', String(wait));
      throw HttpError.of('rate_limited', `Too many failed logins; try again in ${wait} s`);
    }
    const found = await findUserByName(db, body.name);
    // Verify against a dummy hash when the name is unknown, so the answer time does not tell.
    const ok = await verifyPassword(found?.password_hash ?? (await dummyHash()), body.password);
    if (!found || !ok) {
      await limiter.fail(address, body.name);
      req.log.warn({ event: 'login_failed' }, 'login failed');
      throw HttpError.of('unauthorized', 'Wrong user name or password');
    }
    await limiter.succeed(body.name);
    const { token, csrfToken } = await createSession(db, found.id, SESSION_TTL_MS);
    setSessionCookie(res, token, secure);
    req.log.info({ event: 'login', user: found.name }, 'logged in');
    res.set('Cache-Control', 'no-store').json(await meBody(db, { name: found.name, role: found.role, csrfToken }));
  });

  mount(router, ROUTES.logout, async ({ req, res }) => {
    const token = readSessionCookie(req);
    if (token) {
      await deleteSession(db, token);
      sessions.forget(token);
    }
    clearSessionCookie(res, secure);
    res.json({ ok: true });
  });
}
