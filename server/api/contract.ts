/**
 * The HTTP API contract: every route, who may call it, and the zod schemas of its query, body and
 * response. The server validates against these, the dashboard imports the inferred types, and
 * /api/openapi.json is generated from them. Roles follow the data contract §7.
 *
 * Conventions:
 * - Periods are Almaty calendar days [from, to). Times are UTC ISO 8601 strings.
 * - Errors: {"error":{"code","message"}}; 400 names the parameter and what was expected; 401 when
 *   not logged in; 403 when the role may not; 403 code "csrf" when X-CSRF-Token is missing or wrong.
 * - State-changing requests (POST/PUT/DELETE, except POST /api/login) need the X-CSRF-Token header
 *   with the token from GET /api/me. The session is an HTTP-only SameSite=Strict cookie.
 * - Aggregates answer JSON by default; `Accept: application/vnd.apache.arrow.stream` (or ?format=arrow)
 *   gives one table as Arrow IPC; ?format=csv|xlsx downloads (CSV one table, XLSX all tables).
 *   `?table=NAME` picks the table; the default is the route's first table.
 * - For press, counts 1–4 are null with `suppressed: true` in JSON/Arrow and "<5" in CSV/XLSX.
 */
import type { z } from 'zod';
import type { Role as RoleCode } from '../../domain/roles.ts';
import * as A from './schemas/admin.ts';
import * as C from './schemas/common.ts';
import * as T from './schemas/corrections.ts';
import * as G from './schemas/coverage.ts';
import * as K from './schemas/compliance.ts';
import * as O from './schemas/office.ts';
import * as V from './schemas/overview.ts';
import * as S from './schemas/session.ts';
import * as Y from './schemas/summary.ts';

export * from './schemas/admin.ts';
export * from './schemas/common.ts';
export * from './schemas/corrections.ts';
export * from './schemas/compliance.ts';
export * from './schemas/coverage.ts';
export * from './schemas/office.ts';
export * from './schemas/overview.ts';
export * from './schemas/session.ts';
export * from './schemas/summary.ts';

export const ARROW_MIME = 'application/vnd.apache.arrow.stream';
export const CSRF_HEADER = 'X-CSRF-Token';
export const SESSION_COOKIE = 'vitrina_session';

const ALL: readonly RoleCode[] = ['department', 'press', 'inspector', 'admin'];
const OVERSIGHT: readonly RoleCode[] = ['department', 'inspector', 'admin'];

export interface RouteSpec {
  method: 'get' | 'post' | 'put';
  path: string;
  summary: string;
  /** Roles allowed; 'public' needs no login. */
  roles: readonly RoleCode[] | 'public';
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Undefined for file downloads (CSV/XLSX/JSONL) and the OpenAPI document itself. */
  response?: z.ZodType;
  /** Tables of the response for ?table= / Arrow / CSV / XLSX, first = default. */
  tables?: readonly string[];
}

/** Every route, in one list: the server mounts these, the OpenAPI document lists these. */
export const ROUTES = {
  health: { method: 'get', path: '/healthz', summary: 'Liveness and database kind', roles: 'public', response: A.HealthResponse },
  me: { method: 'get', path: '/api/me', summary: 'Current user, CSRF token and data range; {"user":null} when not logged in', roles: 'public', response: S.MeAnswer },
  login: { method: 'post', path: '/api/login', summary: 'Password login; sets the session cookie; rate limited', roles: 'public', body: S.LoginBody, response: S.MeResponse },
  logout: { method: 'post', path: '/api/logout', summary: 'Ends the session', roles: ALL, response: S.OkResponse },
  offices: { method: 'get', path: '/api/offices', summary: 'Regions and offices with coordinates', roles: ALL, response: S.OfficesResponse, tables: ['offices', 'regions'] },
  overview: {
    method: 'get', path: '/api/overview', summary: 'Volumes, trend, heatmap, silent offices, waiting and service times',
    roles: ALL, query: C.PeriodQuery.extend(C.DownloadQuery.shape).extend(G.CompareQuery.shape), response: V.OverviewResponse,
    tables: ['perOffice', 'daily', 'heatmap', 'durations', 'officeDurations'],
  },
  topics: {
    method: 'get', path: '/api/topics', summary: 'Category mix overall, per office, trend, change, examples',
    roles: ALL, query: C.PeriodQuery.extend(C.DownloadQuery.shape).extend(G.CompareQuery.shape), response: V.TopicsResponse,
    tables: ['categories', 'perOffice', 'trend'],
  },
  topicReview: {
    method: 'get', path: '/api/topics/review', summary: 'Least certain visits of the period and the latest hand corrections',
    roles: ['department', 'admin'], query: C.PeriodQuery, response: T.TopicReviewResponse,
  },
  correctCategory: {
    method: 'post', path: '/api/visits/:id/category', summary: 'Move a visit to another topic category by hand (recorded; retrain learns from it)',
    roles: ['department', 'admin'], params: T.VisitParams, body: T.CategoryCorrectionBody, response: T.CategoryCorrectionResponse,
  },
  summary: {
    method: 'get', path: '/api/summary', summary: 'Publishable summary text (ru/kk/en), its comparison and figures; txt, CSV and XLSX downloads',
    roles: ALL, query: Y.SummaryQuery, response: Y.SummaryResponse,
  },
  office: {
    method: 'get', path: '/api/offices/:code', summary: 'One office: volumes, topics, delays, inspections, flags, days without logs',
    roles: ALL, params: O.OfficeParams, query: O.OfficePageQuery.extend(C.DownloadQuery.shape), response: O.OfficePageResponse,
    tables: ['daily', 'heatmap', 'topics', 'durations', 'inspections', 'flags'],
  },
  coverage: {
    method: 'get', path: '/api/coverage', summary: 'Coverage: completeTo, per office first/last covered day, status, uncovered days of ?from&to',
    roles: ALL, query: G.CoverageQuery.extend(C.DownloadQuery.shape), response: G.CoverageResponse, tables: ['offices'],
  },
  compliance: {
    method: 'get', path: '/api/compliance', summary: 'Compliance matrix: offices × rules, with the admission delay per office as box plots',
    roles: OVERSIGHT, query: C.PeriodQuery.extend(C.DownloadQuery.shape), response: K.ComplianceResponse, tables: ['cells', 'delays'],
  },
  complianceMetrics: {
    method: 'get', path: '/api/compliance/metrics', summary: 'Metrics behind the rules, per office',
    roles: OVERSIGHT, query: C.PeriodQuery.extend(C.DownloadQuery.shape), response: K.ComplianceMetricsResponse, tables: ['offices'],
  },
  complianceDelays: {
    method: 'get', path: '/api/compliance/delays', summary: 'Box plot of a duration per office',
    roles: OVERSIGHT, query: K.DelaysQuery.extend(C.DownloadQuery.shape), response: K.DelaysResponse, tables: ['offices'],
  },
  flags: {
    method: 'get', path: '/api/flags', summary: 'Compliance cases: filter, sort, page, counts per status; CSV/XLSX export every match',
    roles: OVERSIGHT, query: K.FlagsQuery.extend(C.DownloadQuery.shape), response: K.FlagsResponse, tables: ['flags'],
  },
  flag: {
    method: 'get', path: '/api/flags/:id', summary: 'One case with a month\'s evidence and the audit trail', roles: OVERSIGHT,
    params: K.FlagParams, query: K.FlagDetailQuery, response: K.FlagDetailResponse,
  },
  flagCovering: {
    method: 'get', path: '/api/flags/covering', summary: 'The case of an office and rule that covers a month (the matrix cell)', roles: OVERSIGHT,
    query: K.FlagCoveringQuery, response: K.FlagCoveringResponse,
  },
  digest: {
    method: 'get', path: '/api/digest', summary: 'The inspector\'s monthly digest as Markdown or printable HTML', roles: OVERSIGHT,
    query: K.DigestQuery,
  },
  flagAction: {
    method: 'post', path: '/api/flags/:id/actions', summary: 'Confirm, dismiss, set a deadline, resolve or comment',
    roles: ['inspector'], params: K.FlagParams, body: K.FlagActionBody, response: K.FlagDetailResponse,
  },
  thresholds: { method: 'get', path: '/api/thresholds', summary: 'Compliance thresholds and their change history', roles: OVERSIGHT, response: A.ThresholdsResponse, tables: ['thresholds', 'history'] },
  setThreshold: { method: 'put', path: '/api/thresholds/:key', summary: 'Change a threshold (recorded)', roles: ['admin'], params: A.ThresholdParams, body: A.ThresholdBody, response: A.ThresholdsResponse },
  files: { method: 'get', path: '/api/files', summary: 'Ingested files and their reports', roles: OVERSIGHT, query: A.FilesFilterQuery, response: A.FilesResponse, tables: ['files'] },
  quarantine: { method: 'get', path: '/api/quarantine', summary: 'Quarantined rows', roles: ['admin'], query: A.QuarantineQuery, response: A.QuarantineResponse, tables: ['rows'] },
  upload: { method: 'post', path: '/api/uploads', summary: 'Upload visit logs or inspections (multipart "files"); runs the ingest', roles: ['admin'], response: A.UploadResponse },
  exportVisits: { method: 'get', path: '/api/export/visits', summary: 'Visit-level export, hashed visitor (CSV, XLSX or JSON Lines)', roles: ['department', 'admin'], query: A.ExportQuery },
  openapi: { method: 'get', path: '/api/openapi.json', summary: 'This API as OpenAPI 3.1', roles: 'public' },
} as const satisfies Record<string, RouteSpec>;

export type RouteName = keyof typeof ROUTES;
/** The JSON body a route answers, for the dashboard's typed client. */
export type ResponseOf<R extends RouteName> = (typeof ROUTES)[R] extends { response: infer T extends z.ZodType } ? z.infer<T> : never;
