import type { Kysely } from 'kysely';
import { wallToInstant } from '../../domain/calendar.ts';
import { oneOffMemo, type UnitMemo } from '../cover/unit-memo.ts';
import type { Database, InspectionRow } from '../schema.ts';

/** What an inspection saw that the rules use (null = not recorded). */
export type InspectionFacts = Pick<InspectionRow,
  'id' | 'office_code' | 'inspected_at' | 'inspector' | 'bars_on_windows' | 'bars_on_doors'
  | 'inside_secured_perimeter' | 'phones_collected_at_entrance' | 'guard_questions_visitors'>;

/**
 * The inspection that counts for a period: the latest per office on or before the period's end,
 * i.e. before Almaty midnight starting `to` (history before the period counts; later ones do not).
 * The inspections change only with data (each bumps the data version), so the whole history is read
 * once per version through `units` and each period picks from it: a few rows per office a year.
 */
export async function getLatestInspections(
  db: Kysely<Database>, to: string, offices: readonly string[], units: UnitMemo = oneOffMemo(db),
): Promise<Map<string, InspectionFacts>> {
  const history = await units.perVersion('inspections', () => readInspections(db));
  const before = wallToInstant(Date.parse(`${to}T00:00:00Z`));
  const wanted = new Set(offices);
  const out = new Map<string, InspectionFacts>();
  // Newest first within an office (the read's order), so the first one before the cut is the latest.
  for (const row of history) {
    if (wanted.has(row.office_code) && !out.has(row.office_code) && row.inspected_at.getTime() < before) out.set(row.office_code, row);
  }
  return out;
}

function readInspections(db: Kysely<Database>): Promise<InspectionFacts[]> {
  return db.selectFrom('inspections')
    .select(['id', 'office_code', 'inspected_at', 'inspector', 'bars_on_windows', 'bars_on_doors',
      'inside_secured_perimeter', 'phones_collected_at_entrance', 'guard_questions_visitors'])
    .orderBy('office_code').orderBy('inspected_at', 'desc').orderBy('id', 'desc')
    .execute();
}
