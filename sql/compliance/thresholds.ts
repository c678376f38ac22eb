import { sql, type Kysely } from 'kysely';
import { oneOffMemo, type UnitMemo } from '../cover/unit-memo.ts';
import type { Database } from '../schema.ts';
import { THRESHOLD_KEYS, type ThresholdChangeRow, type ThresholdKey } from '../schema/compliance.ts';

export type Thresholds = Readonly<Record<ThresholdKey, number>>;

/**
 * The thresholds in force (migration 0004 seeds the contract's defaults), read once per data version
 * through `units` (a change bumps the version; a one-off read when absent).
 */
export function getThresholds(db: Kysely<Database>, units: UnitMemo = oneOffMemo(db)): Promise<Thresholds> {
  return units.perVersion('thresholds', () => readThresholds(db));
}

async function readThresholds(db: Kysely<Database>): Promise<Thresholds> {
  const rows = await db.selectFrom('thresholds').select(['key', 'value']).execute();
  const byKey = new Map(rows.map((r) => [r.key, r.value]));
  const out = {} as Record<ThresholdKey, number>;
  for (const key of THRESHOLD_KEYS) {
    const value = byKey.get(key);
    if (value === undefined) throw new Error(`threshold ${key} is missing from the database`);
    out[key] = value;
  }
  return Object.freeze(out);
}

export function isThresholdKey(key: string): key is ThresholdKey {
  return (THRESHOLD_KEYS as readonly string[]).includes(key);
}

/** Changes one threshold and records who changed it, from what, to what; null when unchanged. */
export async function setThreshold(db: Kysely<Database>, key: string, value: number, actor: string): Promise<ThresholdChangeRow | null> {
  if (!isThresholdKey(key)) throw new RangeError(`unknown threshold "${key}"; expected one of ${THRESHOLD_KEYS.join(', ')}`);
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`threshold ${key} must be a number ≥ 0, got ${value}`);
  if (key.endsWith('_share') && value > 1) throw new RangeError(`threshold ${key} is a share 0–1, got ${value}`);
  if (!actor.trim()) throw new RangeError('a threshold change needs the actor who made it');
  // One statement, so the change and its audit row commit together even inside a caller's transaction.
  const r = await sql<ThresholdChangeRow>`
    with old as (select value from thresholds where key = ${key} for update),
    upd as (
      update thresholds set value = ${value}, updated_at = now(), updated_by = ${actor}
      where key = ${key} and value <> ${value} returning key)
    insert into threshold_changes (key, old_value, new_value, actor)
    select ${key}, old.value, ${value}, ${actor} from old, upd
    returning *`.execute(db);
  return r.rows[0] ?? null;
}

/** The audit trail of threshold changes, newest first. */
export function getThresholdChanges(db: Kysely<Database>): Promise<ThresholdChangeRow[]> {
  return db.selectFrom('threshold_changes').selectAll().orderBy('id', 'desc').execute();
}
