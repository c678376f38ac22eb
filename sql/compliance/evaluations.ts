import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { Period } from '../../domain/calendar.ts';
import type { Thresholds } from './thresholds.ts';

export interface EvaluationRecord {
  actor: string;
  period: Period;
  offices?: readonly string[] | undefined;
  thresholds: Thresholds;
  /** The calendar month whose flags this evaluation kept. */
  flagsMonth?: string | null;
}

/** Records that an evaluation ran and which thresholds it used; returns its id. */
export async function recordEvaluation(db: Kysely<Database>, e: EvaluationRecord): Promise<string> {
  const row = await db.insertInto('evaluations').values({
    actor: e.actor,
    period_from: e.period.from,
    period_to: e.period.to,
    offices: e.offices ? [...e.offices] : null,
    thresholds: JSON.stringify(e.thresholds),
    flags_month: e.flagsMonth ?? null,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}
