import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RawRecord, ReadResult } from '../../../etl/model.ts';

export const fixture = (name: string) =>
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/read', name);

/** Every record a reader hands out, in order (keys loosened to string so tests can read any field). */
export async function collect(result: ReadResult<string>): Promise<RawRecord<string>[]> {
  const records: RawRecord<string>[] = [];
  for await (const record of result.records) records.push(record);
  return records;
}
