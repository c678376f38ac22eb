import { z } from 'zod';
import { Category, OfficeCode } from './common.ts';

/** A category set by hand: who, why, from and to (migration 0011, append-only). */
export const CategoryCorrection = z.object({
  id: z.number().int(),
  visitId: z.number().int(),
  from: Category,
  to: Category,
  actor: z.string(),
  reason: z.string(),
  at: z.string().describe('UTC ISO 8601'),
});

/** A visit the classifier was least sure of, offered to the department for review. */
export const ReviewVisit = z.object({
  id: z.number().int(),
  office: OfficeCode,
  arrivedAt: z.string().describe('UTC ISO 8601'),
  /** As stored: any IIN in it was masked at ingest. */
  text: z.string(),
  category: Category,
  confidence: z.number(),
});

/** GET /api/topics/review (department, admin): the least certain visits of the period and the latest corrections. */
export const TopicReviewResponse = z.object({
  visits: z.array(ReviewVisit),
  corrections: z.array(CategoryCorrection),
});
export type TopicReviewResponse = z.infer<typeof TopicReviewResponse>;

export const VisitParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).describe('visit id') });
/** POST /api/visits/:id/category: the new category and why (kept in the audit table). */
export const CategoryCorrectionBody = z.object({
  category: Category,
  reason: z.string().trim().min(1, 'say why the category changes').max(500),
});
export const CategoryCorrectionResponse = z.object({ correction: CategoryCorrection });
