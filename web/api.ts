import { decodeColumns, type ColumnTable } from './arrow.ts';

/** The one place the dashboard talks to the server; views call these, never fetch. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) { super(message); }
}

export const ARROW_TYPE = 'application/vnd.apache.arrow.stream';
let csrfToken = '';

/** Remembers the session's CSRF token (from /api/me or /api/login) for later writes. */
export function setCsrfToken(token: string): void { csrfToken = token; }

type Query = Record<string, string | number | null | undefined>;

export function apiUrl(path: string, query: Query = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return `/api/${path.replace(/^\/+/, '')}${s ? `?${s}` : ''}`;
}

async function failure(res: Response): Promise<ApiError> {
  let code = 'internal';
  let message = `${res.status} ${res.statusText}`;
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string } };
    if (body.error?.code) code = body.error.code;
    if (body.error?.message) message = body.error.message;
  } catch { /* not JSON: keep the status line */ }
  return new ApiError(res.status, code, message);
}

async function request(method: string, url: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (method !== 'GET' && csrfToken) headers.set('X-CSRF-Token', csrfToken);
  let res: Response;
  try {
    res = await fetch(url, { ...init, method, headers, credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError(0, 'network', e instanceof Error ? e.message : String(e));
  }
  if (!res.ok) throw await failure(res);
  return res;
}

export async function getJson<T>(path: string, query: Query = {}): Promise<T> {
  const res = await request('GET', apiUrl(path, query), { headers: { Accept: 'application/json' } });
  return (await res.json()) as T;
}

/**
 * One table of an aggregate as Arrow IPC, decoded to columns typed by the caller's contract row
 * type: for tables fetched apart from the view's JSON answer (a line the user switches on).
 */
export async function getColumns<Row>(path: string, table: string, query: Query = {}): Promise<ColumnTable<Row>> {
  const res = await request('GET', apiUrl(path, { ...query, table }), { headers: { Accept: ARROW_TYPE } });
  return decodeColumns(new Uint8Array(await res.arrayBuffer())) as ColumnTable<Row>;
}

export async function sendJson<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const res = await request(method, apiUrl(path), {
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  return (res.status === 204 ? { ok: true } : await res.json()) as T;
}

/** A server-made download (CSV, XLSX): fetched with the session, returned as a blob. */
export async function getBlob(path: string, query: Query = {}): Promise<Blob> {
  const res = await request('GET', apiUrl(path, query));
  return res.blob();
}

/**
 * Uploads files as multipart form data with XMLHttpRequest, because fetch cannot report upload
 * progress. onProgress gets 0–1.
 */
export function upload<T>(path: string, files: readonly File[], onProgress: (share: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiUrl(path));
    xhr.withCredentials = true;
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.addEventListener('progress', (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); });
    xhr.addEventListener('load', () => {
      let body: unknown = null;
      try { body = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
      if (xhr.status >= 200 && xhr.status < 300) { onProgress(1); resolve(body as T); return; }
      const err = (body as { error?: { code?: string; message?: string } } | null)?.error;
      reject(new ApiError(xhr.status, err?.code ?? 'internal', err?.message ?? `${xhr.status} ${xhr.statusText}`));
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, 'network', 'network error')));
    const form = new FormData();
    for (const f of files) form.append('files', f, f.name);
    xhr.send(form);
  });
}
