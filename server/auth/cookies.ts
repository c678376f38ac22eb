import type { Request, Response } from 'express';
import { SESSION_COOKIE } from '../api/contract.ts';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/**
 * The session cookie's value, if any. (Parsed here: one cookie does not need a parser middleware.)
 * A value that is not valid percent-encoding (`vitrina_session=%`) names no session: it is treated
 * as no cookie, never as an error.
 */
export function readSessionCookie(req: Request): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return decodeCookieValue(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** Our tokens are base64url and never need decoding; anything else is decoded if it can be. */
export function decodeCookieValue(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw) || undefined;
  } catch {
    return undefined;
  }
}

/** HTTP-only, SameSite=Strict; Secure in production (browsers also accept Secure on http://localhost). */
export function setSessionCookie(res: Response, token: string, secure: boolean): void {
  res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: '/', maxAge: SESSION_TTL_MS });
}

export function clearSessionCookie(res: Response, secure: boolean): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure, path: '/' });
}
