import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { Role } from '../../domain/roles.ts';

/** Who is calling, once the session cookie has been checked. */
export interface SessionUser {
  id: string;
  name: string;
  role: Role;
  csrfToken: string;
}

declare global {
  // Express's own extension point for per-request data.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      id: string;
      log: Logger;
      user?: SessionUser;
    }
  }
}

/**
 * Gives every request an id (echoed as X-Request-Id) and a child logger, and logs one line when
 * it ends: method, path (no query string: it may hold names), status, duration. Never bodies.
 */
export function requestContext(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id');
    req.id = incoming && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    req.log = logger.child({ reqId: req.id });
    res.setHeader('X-Request-Id', req.id);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      req.log.info({ method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10, user: req.user?.name }, 'request');
    });
    next();
  };
}
