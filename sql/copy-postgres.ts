import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** A chunk of COPY data: text as a string or UTF-8 bytes, or bytes of the binary format (a loader's reused batch buffers). */
export type CopyChunk = string | Uint8Array<ArrayBuffer>;
export type CopyFormat = 'text' | 'binary';

/** The COPY statement's source and options, for a server's STDIN or PGlite's blob. */
export function copyStatement(table: string, columns: readonly string[], source: 'STDIN' | `'/dev/blob'`, format: CopyFormat): string {
  return `COPY ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) FROM ${source}${format === 'binary' ? ' WITH (FORMAT binary)' : ''}`;
}

/** Streams COPY data to a real server through pg-copy-streams, with back-pressure. */
export async function copyToPostgres(
  client: pg.PoolClient, table: string, columns: readonly string[], chunks: AsyncIterable<CopyChunk>, format: CopyFormat = 'text',
): Promise<number> {
  const stream = client.query(copyFrom(copyStatement(table, columns, 'STDIN', format)));
  await pipeline(Readable.from(chunks), stream);
  return Number(stream.rowCount ?? 0);
}

export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Refusing to quote identifier ${JSON.stringify(name)}`);
  return `"${name}"`;
}
