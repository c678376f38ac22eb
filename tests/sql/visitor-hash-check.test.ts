import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../helpers/db.ts';

// Migration 0015 replaced the regular expression of visits_visitor_hash_check with byte arithmetic
// (a quarter of a COPY's time). It must still refuse whatever is not 64 lower-case hex digits: above
// all a raw IIN, which must never be stored (contract §2).
describe('visits.visitor_hash holds only a keyed hash (migration 0015)', () => {
  let t: TestDatabase;
  beforeAll(async () => { t = await freshDatabase(); });
  afterAll(async () => { await t?.close(); });

  let line = 0;
  const insert = async (hash: string | null): Promise<'inserted' | 'refused'> => {
    line += 1;
    try {
      await sql`insert into visits (office_code, visit_key, arrived_at, arrival_date, category, classifier_version,
          iin_status, visitor_hash, file_id, source_line)
        values ('SRK', ${`check-${line}`}, '2026-11-02T04:00:00Z', '2026-11-02', 'documents', 'test', 'valid', ${hash}, 1, ${line})`.execute(t.db);
      return 'inserted';
    } catch {
      return 'refused';
    }
  };

  const hash = createHmac('sha256', 'key').update('880101300123').digest('hex');

  it('takes a lower-case HMAC-SHA256 and an absent hash', async () => {
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await insert(hash)).toBe('inserted');
    expect(await insert(null)).toBe('inserted');
  });

  it.each([
    ['a raw IIN', '880101300123'],
    ['the same hash in upper case', hash.toUpperCase()],
    ['one digit short', hash.slice(1)],
    ['one digit more', `${hash}0`],
    ['64 characters that are not hex', 'g'.repeat(64)],
    ['a raw IIN padded to 64 characters', '880101300123'.padEnd(64, ' ')],
    ['64 Cyrillic letters (128 bytes)', 'а'.repeat(64)],
    ['32 Cyrillic letters (64 bytes)', 'а'.repeat(32)],
    ['an empty string', ''],
  ])('refuses %s', async (_what, value) => {
    expect(await insert(value)).toBe('refused');
  });
});
