import { sql, type Kysely } from 'kysely';
import type { Database, InspectionRow } from '../schema.ts';

/** Inspections of one office before the Almaty midnight that starts `untilDay`, newest first. */
export function listOfficeInspections(db: Kysely<Database>, office: string, untilDay: string): Promise<InspectionRow[]> {
  return db.selectFrom('inspections').selectAll()
    .where('office_code', '=', office)
    .where('inspected_at', '<', sql<Date>`(${untilDay}::date)::timestamp at time zone 'Asia/Almaty'`)
    .orderBy('inspected_at', 'desc').orderBy('id', 'desc').limit(200).execute();
}
