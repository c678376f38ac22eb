import { sql, type Kysely } from 'kysely';
import type { Database, InspectionRow } from '../schema.ts';

/** What an inspection saw that the rules use (null = not recorded). */
export type InspectionFacts = Pick<InspectionRow,
  'id' | 'office_code' | 'inspected_at' | 'inspector' | 'bars_on_windows' | 'bars_on_doors'
  | 'inside_secured_perimeter' | 'phones_collected_at_entrance' | 'guard_questions_visitors'>;

/**
 * The inspection that counts for a period: the latest per office on or before the period's end,
 * i.e. before Almaty midnight starting `to` (history before the period counts; later ones do not).
 */
export async function getLatestInspections(
  db: Kysely<Database>, to: string, offices: readonly string[],
): Promise<Map<string, InspectionFacts>> {
  const rows = await db.selectFrom('inspections')
    .distinctOn('office_code')
    .select(['id', 'office_code', 'inspected_at', 'inspector', 'bars_on_windows', 'bars_on_doors',
      'inside_secured_perimeter', 'phones_collected_at_entrance', 'guard_questions_visitors'])
    .where('office_code', 'in', offices.length ? [...offices] : [''])
    .where('inspected_at', '<', sql<Date>`(${to}::date)::timestamp at time zone 'Asia/Almaty'`)
    .orderBy('office_code').orderBy('inspected_at', 'desc').orderBy('id', 'desc')
    .execute();
  return new Map(rows.map((r) => [r.office_code, r]));
}
