import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** A chunk of COPY text: a string, or UTF-8 bytes (a loader's reused batch buffers). */
export type CopyChunk = string | Uint8Array<ArrayBuffer>;

/** Streams COPY text to a real server through pg-copy-streams, with back-pressure. */
export async function copyToPostgres(
  client: pg.PoolClient, table: string, columns: readonly string[], chunks: AsyncIterable<CopyChunk>,
): Promise<number> {
  const stream = client.query(copyFrom(`COPY ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(chunks), stream);
  return Number(stream.rowCount ?? 0);
}

export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Refusing to quote identifier ${JSON.stringify(name)}`);
  return `"${name}"`;
}
