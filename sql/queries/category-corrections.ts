import type { Kysely } from 'kysely';
import type { Category } from '../../domain/categories.ts';
import type { DatabaseHandle } from '../db.ts';
import { shiftCategoryRollups } from '../rollups.ts';
import type { Database } from '../schema.ts';

/**
 * classifier_version of a visit whose category a person set: `vitrina reclassify` leaves it alone
 * (a model never overrules the department), and a later correction may still change it.
 */
export const MANUAL_VERSION = 'manual';

export interface CategoryCorrection {
  id: number;
  visitId: number;
  from: Category;
  to: Category;
  actor: string;
  reason: string;
  at: string;
}

/** Why correctVisitCategory refused. */
export class CorrectionError extends Error {
  constructor(readonly code: 'not_found' | 'unchanged', message: string) {
    super(message);
  }
}

/**
 * Moves one visit to another category by hand: the visit leaves its old category in the rollups
 * and joins the new one, its classifier_version becomes MANUAL_VERSION and the audit table records
 * who, why, from and to, all in one transaction.
 */
export async function correctVisitCategory(handle: DatabaseHandle, visitId: number, to: Category, actor: string, reason: string):
  Promise<CategoryCorrection> {
  return handle.transaction(async (tx) => {
    const visit = await tx.selectFrom('visits').select(['id', 'office_code', 'category']).where('id', '=', String(visitId)).forUpdate().executeTakeFirst();
    if (!visit) throw new CorrectionError('not_found', `No visit ${visitId}`);
    if (visit.category === to) throw new CorrectionError('unchanged', `Visit ${visitId} is already in ${to}`);
    const ids = [String(visitId)];
    await shiftCategoryRollups(tx, ids, -1);
    await tx.updateTable('visits').set({ category: to, category_confidence: 1, classifier_version: MANUAL_VERSION })
      .where('id', '=', String(visitId)).execute();
    await shiftCategoryRollups(tx, ids, 1);
    const row = await tx.insertInto('category_corrections')
      .values({ visit_id: String(visitId), office_code: visit.office_code, from_category: visit.category, to_category: to, actor, reason })
      .returning(['id', 'corrected_at']).executeTakeFirstOrThrow();
    return { id: Number(row.id), visitId, from: visit.category, to, actor, reason, at: row.corrected_at.toISOString() };
  });
}

/** The latest corrections, newest first. */
export async function listCorrections(db: Kysely<Database>, limit = 50): Promise<CategoryCorrection[]> {
  const rows = await db.selectFrom('category_corrections')
    .select(['id', 'visit_id', 'from_category', 'to_category', 'actor', 'reason', 'corrected_at'])
    .orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    id: Number(r.id), visitId: Number(r.visit_id), from: r.from_category, to: r.to_category,
    actor: r.actor, reason: r.reason, at: r.corrected_at.toISOString(),
  }));
}

/**
 * What `vitrina retrain` learns from the department: each corrected visit's text (already stored
 * with any IIN masked) under its latest corrected category. The texts only shape hashed weights;
 * no text is stored in the model or shown anywhere.
 */
/** A corrected visit's text as training data for `vitrina retrain` (the shape of etl/classify/train.ts's TrainingText). */
export interface CorrectedText {
  text: string;
  category: Category;
  group: string;
  weight: number;
}

export async function correctionTrainingTexts(db: Kysely<Database>): Promise<CorrectedText[]> {
  const rows = await db.selectFrom('category_corrections as c')
    .innerJoin('visits as v', 'v.id', 'c.visit_id')
    .select(['c.visit_id', 'c.to_category', 'v.topic_text'])
    .orderBy('c.id').execute();
  const latest = new Map<string, { text: string; category: Category }>();
  for (const r of rows) latest.set(String(r.visit_id), { text: r.topic_text, category: r.to_category });
  return [...latest.values()].filter((r) => r.text.trim() !== '')
    .map((r, i) => ({ text: r.text, category: r.category, group: `correction:${i}`, weight: 3 }));
}
