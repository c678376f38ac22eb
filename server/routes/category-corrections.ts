import type { Router } from 'express';
import { correctVisitCategory, CorrectionError, listCorrections, MANUAL_VERSION } from '../../sql/queries/category-corrections.ts';
import { ROUTES, type TopicReviewResponse } from '../api/contract.ts';
import { HttpError } from '../http/http-error.ts';
import { mount } from '../http/route.ts';
import type { RouteDeps } from './deps.ts';
import { resolveScope } from '../scope/resolve-scope.ts';

const REVIEW_LIMIT = 20;

/**
 * GET /api/topics/review and POST /api/visits/:id/category (department, admin): the dashboard's
 * way to correct a visit's topic category by hand. Each correction is recorded with who and why,
 * moves the visit in the rollups at once, and is training data for the next `vitrina retrain`.
 */
export function categoryCorrectionRoutes(router: Router, { handle }: RouteDeps): void {
  mount(router, ROUTES.topicReview, async ({ query, res }) => {
    const { scope } = await resolveScope(handle.db, query);
    const rows = scope.offices.length === 0 ? [] : await handle.db.selectFrom('visits')
      .select(['id', 'office_code', 'arrived_at', 'topic_text', 'category', 'category_confidence'])
      .where('arrival_date', '>=', scope.from).where('arrival_date', '<', scope.to)
      .where('office_code', 'in', scope.offices).where('classifier_version', '<>', MANUAL_VERSION)
      .orderBy('category_confidence').orderBy('id').limit(REVIEW_LIMIT).execute();
    const body: TopicReviewResponse = {
      visits: rows.map((r) => ({
        id: Number(r.id), office: r.office_code, arrivedAt: r.arrived_at.toISOString(), text: r.topic_text,
        category: r.category, confidence: Math.round(r.category_confidence * 100) / 100,
      })),
      corrections: await listCorrections(handle.db, REVIEW_LIMIT),
    };
    res.json(body);
  });

  mount(router, ROUTES.correctCategory, async ({ params, body, user, req, res }) => {
    try {
      const correction = await correctVisitCategory(handle, params.id, body.category, user.name, body.reason);
      req.log.info({ event: 'category_corrected', visit: params.id, from: correction.from, to: correction.to }, 'category corrected');
      res.json({ correction });
    } catch (err) {
      if (err instanceof CorrectionError) throw HttpError.of(err.code === 'not_found' ? 'not_found' : 'conflict', err.message);
      throw err;
    }
  });
}
