import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMigrations, migrate, appliedVersions } from '../../sql/migrate.ts';
import { freshDatabase, type TestDatabase } from '../helpers/db.ts';

describe('migrations', () => {
  let t: TestDatabase;
  beforeAll(async () => { t = await freshDatabase(); });
  afterAll(async () => { await t?.close(); });

  it('records every migration once and applies nothing the second time', async () => {
    expect(await appliedVersions(t.db)).toEqual(listMigrations().map((m) => m.version));
    expect(await migrate(t)).toEqual([]);
  });

  it('loads the 20 offices of Almaty oblast from the registry file', async () => {
    const rows = await t.db.selectFrom('offices').select(['code', 'lat', 'lon']).orderBy('code').execute();
    expect(rows).toHaveLength(20);
    expect(rows.find((r) => r.code === 'SRK')).toEqual({ code: 'SRK', lat: 45.41, lon: 79.918 });
  });
});
