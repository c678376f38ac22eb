import type { PGlite } from '@electric-sql/pglite';
import { copyStatement, type CopyChunk, type CopyFormat } from './copy-postgres.ts';

/**
 * COPY FROM STDIN through PGlite's node-postgres adapter crashes the process; PGlite's own
 * COPY … FROM '/dev/blob' works. Each chunk becomes one blob, so memory stays bounded by a chunk
 * (in binary format a chunk is therefore a whole COPY stream).
 */
export async function copyToPglite(
  pglite: PGlite, table: string, columns: readonly string[], chunks: AsyncIterable<CopyChunk>, format: CopyFormat = 'text',
): Promise<number> {
  const sql = copyStatement(table, columns, `'/dev/blob'`, format);
  let rows = 0;
  for await (const chunk of chunks) {
    if (chunk.length === 0) continue;
    const result = await pglite.query(sql, [], { blob: new Blob([chunk]) });
    rows += result.affectedRows ?? 0;
  }
  return rows;
}
