import type { Request, RequestHandler, Response, Router } from 'express';
import type { z } from 'zod';
import { Format, type RouteSpec } from '../api/contract.ts';
import { HttpError } from './http-error.ts';
import { describeZodError } from './error-middleware.ts';
import type { SessionUser } from './request-context.ts';
import { checkPressPeriod } from './press-periods.ts';

type Infer<T> = T extends z.ZodType ? z.output<T> : undefined;

export interface RouteContext<S extends RouteSpec> {
  params: Infer<S['params']>;
  query: Infer<S['query']>;
  body: Infer<S['body']>;
  /** Always set unless the route is public. */
  user: S['roles'] extends 'public' ? SessionUser | undefined : SessionUser;
  req: Request;
  res: Response;
}

/**
 * Mounts one route of the contract as a recipe: check the session and role (401/403), parse
 * params, query and body with the route's zod schemas (400 naming the parameter), then the handler
 * queries and responds.
 */
export function mount<S extends RouteSpec>(router: Router, spec: S, handler: (ctx: RouteContext<S>) => Promise<void>, ...before: RequestHandler[]): void {
  const run: RequestHandler = async (req, res) => {
    const user = authorize(spec, req.user);
    if (spec.tables) checkDownload(spec.tables, req.query);
    const ctx = {
      params: parse(spec.params, req.params, 'path'),
      query: parse(spec.query, req.query, ''),
      body: parse(spec.body, req.body ?? {}, 'body'),
      user, req, res,
    } as RouteContext<S>;
    checkPressPeriod(user, ctx.query);
    await handler(ctx);
  };
  const guard: RequestHandler = (req, _res, next) => {
    authorize(spec, req.user);
    next();
  };
  // The role guard runs before any upload middleware, so a refused caller's file is never read.
  router[spec.method](spec.path, guard, ...before, run);
}

function authorize(spec: RouteSpec, user: SessionUser | undefined): SessionUser | undefined {
  if (spec.roles === 'public') return user;
  if (!user) throw HttpError.of('unauthorized', 'Log in first: POST /api/login');
  if (!spec.roles.includes(user.role)) throw HttpError.of('forbidden', `The ${user.role} role may not call ${spec.method.toUpperCase()} ${spec.path}`);
  return user;
}

/**
 * ?format= and ?table= of a route with tables, before any work is done: `table` must be one of the
 * route's own names (`__proto__` or `constructor` are names too, on an object index).
 */
function checkDownload(tables: readonly string[], query: Request['query']): void {
  const { format, table } = query as Record<string, unknown>;
  if (format !== undefined && !Format.safeParse(format).success) {
    throw HttpError.of('bad_request', `format: expected one of ${Format.options.join(', ')}`);
  }
  if (table !== undefined && !(typeof table === 'string' && tables.includes(table))) {
    throw HttpError.of('bad_request', `table: expected one of ${tables.join(', ')}`);
  }
}

function parse(schema: z.ZodType | undefined, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const r = schema.safeParse(value);
  if (!r.success) throw HttpError.of('bad_request', describeZodError(r.error, where === 'path' ? '' : where));
  return r.data;
}
