import type { Router } from 'express';
import type { Kysely } from 'kysely';
import type { UnitMemo } from '../../sql/cover/unit-memo.ts';
import type { Database } from '../../sql/schema.ts';
import { daysBetween } from '../../domain/calendar.ts';
import { getTopicBreakdown, type Granularity } from '../../sql/queries/topics.ts';
import { pressScope, pressTopics } from '../disclosure/press-answers.ts';
import { ROUTES, type TopicsResponse } from '../api/contract.ts';
import { cacheKey, type AggregateCache } from '../cache/aggregate-cache.ts';
import { mount } from '../http/route.ts';
import { respond, type Tables } from '../respond/respond.ts';
import { change, share, suppressorFor, type Suppressor } from '../respond/suppress.ts';
import type { RouteDeps } from './deps.ts';
import { periodFields, trendBuckets } from '../scope/period-figures.ts';
import { resolveScope, type ScopeQuery } from '../scope/resolve-scope.ts';
import { categoryExamples } from './topic-examples.ts';

/** Trend buckets: days for up to two months, ISO weeks up to a year, months beyond. */
export function granularityFor(days: number): Granularity {
  return days <= 62 ? 'day' : days <= 366 ? 'week' : 'month';
}

/** GET /api/topics: category mix, per office, trend and change against the previous period. */
export function topicsRoutes(router: Router, { handle: { db }, cache }: RouteDeps): void {
  mount(router, ROUTES.topics, async ({ query, user, req, res }) => {
    const { body, tables } = await topicsAnswer(db, cache, query, suppressorFor(user.role));
    await respond(req, res, body, tables, `topics-${body.period.from}-${body.period.to}`);
  });
}

/** The Topics answer as the role sees it, cached; /api/summary builds on this same answer. */
export function topicsAnswer(db: Kysely<Database>, cache: AggregateCache, query: ScopeQuery, s: Suppressor): Promise<{ body: TopicsResponse; tables: Tables }> {
  return cache.get(cacheKey('topics', query, s.on ? 'press' : 'full'), (units) => buildTopics(db, query, s, units));
}

async function buildTopics(db: Kysely<Database>, query: ScopeQuery, s: Suppressor, units: UnitMemo): Promise<{ body: TopicsResponse; tables: Tables }> {
  const r = await resolveScope(db, query, units);
  if (s.on) {
    // Press: every count a sum of protected month cells (server/disclosure/press-cells.ts).
    const body = pressTopics(await pressScope(db, r), categoryExamples());
    return { body, tables: { categories: body.categories, perOffice: body.perOffice, trend: body.trend } };
  }
  const { scope, period, previous, comparison } = r;
  const granularity = granularityFor(daysBetween(period.from, period.to));
  const { categories, perOffice, trend } = await getTopicBreakdown(db, scope, previous, granularity, comparison.offices, units);
  const total = categories.reduce((a, c) => a + c.visits, 0);
  const shownTotal = s.count(total);
  const body: TopicsResponse = {
    ...periodFields(r), granularity, buckets: trendBuckets(r, granularity),
    total: shownTotal,
    categories: categories.filter((c) => c.visits > 0 || c.previous > 0).map((c) => {
      const row = s.row(c, ['visits', 'previous', 'compared']);
      // Like for like (contract §8): this period's visits of the offices compared, against theirs before.
      return { ...row, change: comparison.comparable ? change(row.compared, row.previous) : null, share: share(row.visits, shownTotal) };
    }),
    perOffice: perOffice.map((row) => s.row(row, ['visits'])),
    trend: trend.map((row) => s.row(row, ['visits'])),
    examples: categoryExamples(),
  };
  return { body, tables: { categories: body.categories, perOffice: body.perOffice, trend: body.trend } };
}
