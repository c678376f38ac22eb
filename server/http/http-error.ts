import type { ErrorCode } from '../api/contract.ts';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400, unauthorized: 401, forbidden: 403, csrf: 403, not_found: 404, conflict: 409,
  not_acceptable: 406, payload_too_large: 413, unsupported_media_type: 415, rate_limited: 429, internal: 500,
};

/** The one error a handler throws; the error middleware turns it into {"error":{"code","message"}}. */
export class HttpError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  constructor(status: number, code: ErrorCode, message: string) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
  }

  static of(code: ErrorCode, message: string): HttpError {
    return new HttpError(STATUS[code], code, message);
  }
}
