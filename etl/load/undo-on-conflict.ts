import { sql, type Kysely } from 'kysely';
import type { Database } from '../../sql/schema.ts';

/**
 * Runs `work` (a COPY straight into a table, which cannot skip a row already there) inside a
 * savepoint. When it fails with one of `codes` (SQLSTATE), everything it wrote is undone to the
 * savepoint and null is returned, so the caller can take the slower path that merges; any other
 * failure goes on up and fails the file's transaction.
 */
export async function undoOnConflict<T>(
  tx: Kysely<Database>, savepoint: string, codes: readonly string[], work: () => Promise<T>,
): Promise<T | null> {
  await sql`savepoint ${sql.id(savepoint)}`.execute(tx);
  try {
    const result = await work();
    await sql`release savepoint ${sql.id(savepoint)}`.execute(tx);
    return result;
  } catch (err) {
    const code = (err as { code?: string } | null)?.code;
    if (code === undefined || !codes.includes(code)) throw err;
    await sql`rollback to savepoint ${sql.id(savepoint)}`.execute(tx);
    return null;
  }
}
