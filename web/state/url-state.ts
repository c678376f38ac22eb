import { CASE_SORTS, CASE_STATUSES, type CaseSort, type CaseStatus } from '../../domain/flag-workflow.ts';
import { LANGS, type Lang } from '../../domain/labels.ts';
import { RULES, type Rule } from '../../domain/rules.ts';
import { COMPARISONS, isIsoDay, type Comparison } from './period.ts';

/**
 * The URL holds everything a view shows, so a copied link reproduces it and back/forward step
 * through filter changes: `#/office/SRK?from=2019-01-01&to=2019-02-01&cmp=prev&lang=kk`.
 * Hash routing keeps the app working behind any static file server (no rewrite rules needed).
 */
export const VIEWS = ['login', 'overview', 'topics', 'compliance', 'office', 'data'] as const;
export type View = (typeof VIEWS)[number];

export interface UrlState {
  view: View;
  /** Office page code (view 'office') or office filter elsewhere. */
  office: string | null;
  from: string | null;
  to: string | null;
  cmp: Comparison;
  region: string | null;
  lang: Lang | null;
  /** Offices switched on in the overview's lines over time. */
  lines: string[];
  /** Where to go after login. */
  next: string | null;
  /** The Compliance page's work list, so a reload or a shared link shows the same page of it. */
  cases: CasesState;
}

/** The work list's own filters (office and period are the page's), order and page. */
export interface CasesState {
  /** 'all': every status; the list opens on the open cases. */
  status: CaseStatus | 'all';
  rule: Rule | null;
  /** A month the case covers, YYYY-MM. */
  month: string | null;
  sort: CaseSort;
  /** 1-based. */
  page: number;
}

export const DEFAULT_CASES: CasesState = { status: 'open', rule: null, month: null, sort: 'age', page: 1 };
const CASE_STATUS_FILTERS = [...CASE_STATUSES, 'all'] as const;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const MAX_PAGE = 100_000;

export const DEFAULT_STATE: UrlState = {
  view: 'overview', office: null, from: null, to: null, cmp: 'prev', region: null, lang: null, lines: [], next: null, cases: DEFAULT_CASES,
};

const OFFICE_CODE = /^[A-Z]{2,6}$/;

function pick<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

/** A path segment decoded, or '' when it is not valid percent-encoding (`%E0%A4%A`): unknown, not fatal. */
function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return '';
  }
}

function parseCases(q: URLSearchParams): CasesState {
  const month = q.get('month');
  const page = Number(q.get('page'));
  return {
    status: pick(q.get('status'), CASE_STATUS_FILTERS) ?? DEFAULT_CASES.status,
    rule: pick(q.get('rule'), RULES),
    month: month !== null && MONTH.test(month) ? month : null,
    sort: pick(q.get('sort'), CASE_SORTS) ?? DEFAULT_CASES.sort,
    page: Number.isInteger(page) && page >= 1 && page <= MAX_PAGE ? page : DEFAULT_CASES.page,
  };
}

/** The work list's parameters that differ from the defaults, in a fixed order. */
function formatCases(c: CasesState, q: URLSearchParams): void {
  if (c.status !== DEFAULT_CASES.status) q.set('status', c.status);
  if (c.rule) q.set('rule', c.rule);
  if (c.month) q.set('month', c.month);
  if (c.sort !== DEFAULT_CASES.sort) q.set('sort', c.sort);
  if (c.page !== DEFAULT_CASES.page) q.set('page', String(c.page));
}

/** Parses a location hash; anything unknown or malformed falls back to the default, never throws. */
export function parseHash(hash: string): UrlState {
  const body = hash.replace(/^#\/?/, '');
  const [pathPart = '', query = ''] = body.split('?', 2);
  const segments = pathPart.split('/').map(decodeSegment).filter(Boolean);
  const q = new URLSearchParams(query);
  const view = pick(segments[0] ?? null, VIEWS) ?? DEFAULT_STATE.view;
  const officeParam = view === 'office' ? segments[1] ?? null : q.get('office');
  const from = q.get('from');
  const to = q.get('to');
  const validRange = from !== null && to !== null && isIsoDay(from) && isIsoDay(to) && from < to;
  return {
    view,
    office: officeParam !== null && OFFICE_CODE.test(officeParam) ? officeParam : null,
    from: validRange ? from : null,
    to: validRange ? to : null,
    cmp: pick(q.get('cmp'), COMPARISONS) ?? DEFAULT_STATE.cmp,
    region: q.get('region') || null,
    lang: pick(q.get('lang'), LANGS),
    lines: (q.get('lines') ?? '').split(',').filter((c) => OFFICE_CODE.test(c)),
    next: view === 'login' ? q.get('next') : null,
    cases: view === 'compliance' ? parseCases(q) : DEFAULT_CASES,
  };
}

/** The canonical hash for a state: parameters in a fixed order, defaults left out. */
export function formatHash(s: UrlState): string {
  const q = new URLSearchParams();
  if (s.from && s.to) { q.set('from', s.from); q.set('to', s.to); }
  if (s.cmp !== DEFAULT_STATE.cmp) q.set('cmp', s.cmp);
  if (s.region) q.set('region', s.region);
  if (s.office && s.view !== 'office') q.set('office', s.office);
  if (s.lines.length > 0) q.set('lines', s.lines.join(','));
  // Only the Compliance page has the work list; its state does not follow the user elsewhere.
  if (s.view === 'compliance') formatCases(s.cases, q);
  if (s.lang) q.set('lang', s.lang);
  if (s.view === 'login' && s.next) q.set('next', s.next);
  const path = s.view === 'office' && s.office ? `office/${s.office}` : s.view;
  const query = q.toString();
  return `#/${path}${query ? `?${query}` : ''}`;
}
