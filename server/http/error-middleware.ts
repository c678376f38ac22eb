import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { CalendarRangeError } from '../../domain/calendar.ts';
import { HttpError } from './http-error.ts';

/** Unknown /api paths answer JSON 404, not the dashboard's HTML. */
export const notFound: RequestHandler = (req, _res, next) => {
  next(HttpError.of('not_found', `No route ${req.method} ${req.path}`));
};

/**
 * The one error middleware. HttpErrors keep their status and message; zod errors become 400 naming
 * the parameter; anything else is logged and answered as a bare 500: no stack, no SQL in responses.
 */
export function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const e = toHttpError(err);
    if (e.status >= 500) (req.log ?? logger).error({ err }, 'request failed');
    res.status(e.status).json({ error: { code: e.code, message: e.message } });
  };
}

function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  if (err instanceof z.ZodError) return HttpError.of('bad_request', describeZodError(err));
  // Validation keeps days inside 2000 … next year; should a caller reach the calendar's edge anyway,
  // the period arithmetic refuses (never loops) and the caller hears why.
  if (err instanceof CalendarRangeError) return HttpError.of('bad_request', err.message);
  // body-parser's errors carry a status and type (bad JSON, body too large).
  const e = err as { status?: number; type?: string } | undefined;
  if (e?.type === 'entity.parse.failed') return HttpError.of('bad_request', 'The request body is not valid JSON');
  if (e?.type === 'entity.too.large') return HttpError.of('payload_too_large', 'The request body is too large');
  if (e?.status === 400) return HttpError.of('bad_request', 'Malformed request');
  return HttpError.of('internal', 'Internal server error');
}

/** "from: expected Almaty calendar day YYYY-MM-DD" — which parameter, what was expected. */
export function describeZodError(err: z.ZodError, where = ''): string {
  return err.issues.slice(0, 5).map((i) => {
    const name = [where, ...i.path.map(String)].filter(Boolean).join('.') || 'request';
    return `${name}: ${i.message}`;
  }).join('; ');
}
