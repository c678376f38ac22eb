import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMigrations, migrate } from '../../sql/migrate.ts';
import type { DatabaseHandle } from '../../sql/db.ts';
import { COORDINATOR_TABLES, FACT_TABLES, officeTableUniqueIndexes, tablesOwnedByOffice } from '../../sql/distribution.ts';
import { freshDatabase, databaseBefore, type TestDatabase } from '../helpers/db.ts';

// Distribution-ready keys (issue 16, docs/scale.md), read from the catalog of a migrated database.
describe('keys of fact tables', () => {
  let t: TestDatabase;
  beforeAll(async () => { t = await freshDatabase(); });
  afterAll(async () => { await t?.close(); });

  it('every primary key and unique index of a fact table includes office_code', async () => {
    const indexes = await officeTableUniqueIndexes(t.db);
    const facts = indexes.filter((i) => (FACT_TABLES as readonly string[]).includes(i.table));
    // Each fact table is there and has its primary key.
    expect(new Set(facts.filter((i) => i.primary).map((i) => i.table))).toEqual(new Set(FACT_TABLES));
    expect(facts.filter((i) => !i.includesOffice)).toEqual([]);
    expect(facts.find((i) => i.index === 'visits_identity')).toMatchObject({ includesOffice: true });
  });

  it('every table holding rows per office is declared a fact table or a coordinator table', async () => {
    const owned = await tablesOwnedByOffice(t.db);
    const undeclared = owned.filter((table) => !(FACT_TABLES as readonly string[]).includes(table) && !(table in COORDINATOR_TABLES));
    expect(undeclared).toEqual([]);
  });

  it('the check sees a key without office_code', async () => {
    await sql`create table scratch_fact (id bigserial primary key, office_code text not null, n integer,
      unique (office_code, n))`.execute(t.db);
    try {
      const scratch = (await officeTableUniqueIndexes(t.db)).filter((i) => i.table === 'scratch_fact');
      expect(scratch.map((i) => [i.primary, i.includesOffice]).sort()).toEqual([[false, true], [true, false]]);
      expect(await tablesOwnedByOffice(t.db)).toContain('scratch_fact');
    } finally {
      await sql`drop table scratch_fact`.execute(t.db);
    }
  });
});

describe('migration 0012 on a database that already holds visits', () => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    // The schema as it was before 0012, with a stored visit.
    ({ handle, drop } = await databaseBefore('0012'));
    await sql`insert into ingested_files (sha256, path, bytes, format, status) values (repeat('a', 64), 'old.csv', 1, 'csv', 'loaded')`.execute(handle.db);
    await sql`insert into visits (office_code, visit_key, arrived_at, arrival_date, category, classifier_version, iin_status, file_id, source_line)
      values ('SRK', 'r\u001fSRK\u001f2024-01-10\u001f7', '2024-01-10 04:00:00+00', '2024-01-10', 'documents', 'v1', 'absent',
        (select id from ingested_files), 2)`.execute(handle.db);
  }, 120_000);
  afterAll(async () => {
    await handle?.close();
    await drop?.();
  });

  it('keeps the stored visits and still refuses a second copy of an identity', async () => {
    expect(await migrate(handle)).toEqual(listMigrations().filter((m) => m.version >= '0012').map((m) => `${m.version}_${m.name}`));
    const kept = await sql<{ n: number }>`select count(*)::int as n from visits where office_code = 'SRK'`.execute(handle.db);
    expect(kept.rows[0]?.n).toBe(1);
    const again = sql`insert into visits (office_code, visit_key, arrived_at, arrival_date, category, classifier_version, iin_status, file_id, source_line)
      select office_code, visit_key, arrived_at, arrival_date, category, classifier_version, iin_status, file_id, 3 from visits`.execute(handle.db);
    await expect(again).rejects.toMatchObject({ code: '23505' });
    const indexes = await officeTableUniqueIndexes(handle.db);
    expect(indexes.filter((i) => i.table === 'visits')).toEqual([
      { table: 'visits', index: 'visits_identity', primary: false, includesOffice: true },
      { table: 'visits', index: 'visits_pkey', primary: true, includesOffice: true },
    ]);
  });
});
