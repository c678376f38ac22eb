import type { Kysely } from 'kysely';
import { CATEGORIES, type Category } from '../../domain/categories.ts';
import type { Database } from '../../sql/schema.ts';
import type { OfficePageResponse, OverviewResponse, TopicsResponse } from '../api/contract.ts';
import { change, share } from '../respond/suppress.ts';
import type { ResolvedScope } from '../scope/resolve-scope.ts';
import { coverageAnswer, coveredOffices, noDataOffices, officeCoverageKinds, periodFields, trendBuckets } from '../scope/period-figures.ts';
import { loadPressCells, monthsOf, type CellFilter, type PressCells } from './press-cells.ts';

/**
 * The answers of the press role, every count a `publishedSum` of office × category × month base
 * cells (press-cells.ts). Press periods are whole months, quarters or years (server/http/press-periods.ts), the
 * previous period is the previous calendar unit, and press gets no finer time detail than a month:
 * no daily series, heatmap or days without logs, which would say more about a base cell than its band.
 */
export interface PressScope {
  cells: PressCells;
  r: ResolvedScope;
  offices: readonly string[];
  /** Months of the period shown (the last one cut at completeTo when unfinished). */
  months: ReadonlySet<string>;
  /** Months of the period compared with, cut the same way (1–6 November against 1–6 December). */
  previousMonths: ReadonlySet<string>;
  /** Like-for-like offices (contract §8): changes are sums over these only. */
  alike: ReadonlySet<string>;
}

/**
 * Press asks only for whole months, quarters or years (server/http/press-periods.ts), so the period and the
 * one it is compared with (the previous calendar unit, or the same unit a year earlier) both start
 * on a month's first day; their month cells are cut where the periods are.
 */
export async function pressScope(db: Kysely<Database>, r: ResolvedScope): Promise<PressScope> {
  const offices = r.scope.offices;
  return {
    cells: await loadPressCells(db, offices, [r.period, r.previous]),
    r, offices,
    months: new Set(monthsOf(r.period)), previousMonths: new Set(monthsOf(r.previous)),
    alike: new Set(r.comparison.offices),
  };
}

/** This period over all offices, and both periods over the like-for-like offices, all protected. */
function compared(p: PressScope, f: CellFilter = {}) {
  const visits = p.cells.sum({ ...f, months: p.months });
  const now = p.cells.sum({ ...f, offices: intersect(f.offices, p.alike), months: p.months });
  const previous = p.cells.sum({ ...f, offices: intersect(f.offices, p.alike), months: p.previousMonths });
  const change_ = p.r.comparison.comparable && (!f.offices || [...f.offices].every((o) => p.alike.has(o))) ? change(now, previous) : null;
  return { visits, compared: now, previous, change: change_, suppressed: visits === null || now === null || previous === null };
}

function intersect(a: ReadonlySet<string> | undefined, b: ReadonlySet<string>): ReadonlySet<string> {
  return a ? new Set([...a].filter((x) => b.has(x))) : b;
}

export function pressTopics(p: PressScope, examples: TopicsResponse['examples']): TopicsResponse {
  const { cells, months, previousMonths: prevMonths } = p;
  const total = cells.sum({ months });
  const only = <T>(v: T) => new Set([v]);
  const categories = CATEGORIES.filter((c) => cells.has({ categories: only(c), months }) || cells.has({ categories: only(c), months: prevMonths })).map((category) => {
    const c = compared(p, { categories: only(category) });
    return { category, visits: c.visits, previous: c.previous, compared: c.compared, change: c.change, share: share(c.visits, total), suppressed: c.suppressed };
  });
  const perOffice = p.offices.flatMap((office) => CATEGORIES.filter((c) => cells.has({ offices: only(office), categories: only(c), months })).map((category: Category) => {
    const visits = cells.sum({ offices: only(office), categories: only(category), months });
    return { office, category, visits, suppressed: visits === null };
  }));
  const trend = [...months].flatMap((m) => CATEGORIES.filter((c) => cells.has({ categories: only(c), months: only(m) })).map((category) => {
    const visits = cells.sum({ categories: only(category), months: only(m) });
    return { bucket: m, category, visits, suppressed: visits === null };
  }));
  return { ...periodFields(p.r), granularity: 'month', buckets: trendBuckets(p.r, 'month'), total, categories, perOffice, trend, examples };
}

export function pressOverview(p: PressScope, standard: OverviewResponse['standard']): Omit<OverviewResponse, 'officeStatus'> {
  const covered = coveredOffices(p.r);
  const kinds = officeCoverageKinds(p.r);
  const t = compared(p);
  return {
    ...periodFields(p.r),
    totals: { ...t, statements: null, admitted: null },
    perOffice: p.offices.map((office) => {
      // The office's own previous figure, as the department sees it (not 0 when it is left out of
      // the like-for-like set); its change only when it is like for like.
      const c = compared(p, { offices: new Set([office]) });
      const previous = p.cells.sum({ offices: new Set([office]), months: p.previousMonths });
      return { office, visits: c.visits, previous, change: c.change, statements: null, suppressed: c.visits === null || previous === null, coverage: kinds.get(office) ?? 'none' };
    }),
    daily: [], heatmap: [],
    silentOffices: p.offices.filter((o) => covered.has(o) && !p.cells.has({ offices: new Set([o]), months: p.months })),
    noDataOffices: noDataOffices(p.r),
    standard, durations: null, officeDurations: null,
    // Every role reads GET /api/coverage: it names no person and holds no count.
    coverage: coverageAnswer(p.r.coverage, p.r.requested),
  };
}

/** The parts of an office page press may see; the rest stays null or empty. */
export function pressOfficeParts(p: PressScope): Pick<OfficePageResponse, 'totals' | 'daily' | 'heatmap' | 'topics' | 'daysWithoutLogs'> {
  const t = compared(p);
  return {
    totals: { visits: t.visits, previous: t.previous, compared: t.compared, change: t.change, statements: null, suppressed: t.suppressed },
    daily: [], heatmap: [], daysWithoutLogs: [],
    topics: CATEGORIES.filter((c) => p.cells.has({ categories: new Set([c]), months: p.months })).map((category) => {
      const v = p.cells.sum({ categories: new Set([category]), months: p.months });
      return { category, visits: v, suppressed: v === null };
    }),
  };
}
