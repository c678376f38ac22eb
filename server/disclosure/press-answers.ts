import type { Kysely } from 'kysely';
import { CATEGORIES, type Category } from '../../sql/domain/categories.ts';
import { previousPeriod } from '../../sql/domain/disclosure.ts';
import type { Database } from '../../sql/schema.ts';
import type { OfficePageResponse, OverviewResponse, Period, TopicsResponse } from '../api/contract.ts';
import { change, share } from '../respond/suppress.ts';
import type { ResolvedScope } from '../routes/scope.ts';
import { loadPressCells, monthsOf, type PressCells } from './press-cells.ts';

/**
 * The answers of the press role, every count a `publishedSum` of office × category × month base
 * cells (press-cells.ts). Press periods are whole months, quarters or years (press-periods.ts), the
 * previous period is the previous calendar unit, and press gets no finer time detail than a month:
 * no daily series, heatmap or days without logs, which would say more about a base cell than its band.
 */
export interface PressScope {
  cells: PressCells;
  period: Period;
  previous: Period;
  offices: readonly string[];
  months: ReadonlySet<string>;
  previousMonths: ReadonlySet<string>;
}

export async function pressScope(db: Kysely<Database>, resolved: ResolvedScope): Promise<PressScope> {
  const previous = previousPeriod(resolved.period);
  const offices = resolved.scope.offices;
  return {
    cells: await loadPressCells(db, offices, [previous, resolved.period]),
    period: resolved.period, previous, offices,
    months: new Set(monthsOf(resolved.period)), previousMonths: new Set(monthsOf(previous)),
  };
}

export function pressTopics(p: PressScope, examples: TopicsResponse['examples']): TopicsResponse {
  const { cells, months, previousMonths: prevMonths } = p;
  const total = cells.sum({ months });
  const only = <T>(v: T) => new Set([v]);
  const categories = CATEGORIES.filter((c) => cells.has({ categories: only(c), months }) || cells.has({ categories: only(c), months: prevMonths })).map((category) => {
    const visits = cells.sum({ categories: only(category), months });
    const previous = cells.sum({ categories: only(category), months: prevMonths });
    return { category, visits, previous, change: change(visits, previous), share: share(visits, total), suppressed: visits === null || previous === null };
  });
  const perOffice = p.offices.flatMap((office) => CATEGORIES.filter((c) => cells.has({ offices: only(office), categories: only(c), months })).map((category: Category) => {
    const visits = cells.sum({ offices: only(office), categories: only(category), months });
    return { office, category, visits, suppressed: visits === null };
  }));
  const trend = [...months].flatMap((m) => CATEGORIES.filter((c) => cells.has({ categories: only(c), months: only(m) })).map((category) => {
    const visits = cells.sum({ categories: only(category), months: only(m) });
    return { bucket: m, category, visits, suppressed: visits === null };
  }));
  return { period: p.period, previous: p.previous, granularity: 'month', total, categories, perOffice, trend, examples };
}

export function pressOverview(p: PressScope, standard: OverviewResponse['standard']): OverviewResponse {
  const { cells, months, previousMonths } = p;
  const volumes = (offices?: ReadonlySet<string>) => {
    const visits = cells.sum({ ...(offices ? { offices } : {}), months });
    const previous = cells.sum({ ...(offices ? { offices } : {}), months: previousMonths });
    return { visits, previous, change: change(visits, previous), statements: null, suppressed: visits === null || previous === null };
  };
  return {
    period: p.period, previous: p.previous,
    totals: { ...volumes(), admitted: null },
    perOffice: p.offices.map((office) => ({ office, ...volumes(new Set([office])) })),
    daily: [], heatmap: [],
    silentOffices: p.offices.filter((o) => !cells.has({ offices: new Set([o]), months })),
    standard, durations: null, officeDurations: null,
  };
}

/** The parts of an office page press may see; the rest stays null or empty. */
export function pressOfficeParts(p: PressScope): Pick<OfficePageResponse, 'totals' | 'daily' | 'heatmap' | 'topics' | 'daysWithoutLogs' | 'previous'> {
  const { cells, months, previousMonths } = p;
  const visits = cells.sum({ months });
  const previous = cells.sum({ months: previousMonths });
  return {
    previous: p.previous,
    totals: { visits, previous, change: change(visits, previous), statements: null, suppressed: visits === null || previous === null },
    daily: [], heatmap: [], daysWithoutLogs: [],
    topics: CATEGORIES.filter((c) => cells.has({ categories: new Set([c]), months })).map((category) => {
      const v = cells.sum({ categories: new Set([category]), months });
      return { category, visits: v, suppressed: v === null };
    }),
  };
}
