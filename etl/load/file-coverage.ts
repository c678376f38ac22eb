import type { Kysely } from 'kysely';
import type { Database } from '../../sql/schema.ts';

/**
 * The days a file covers per office (contract §8): its first and last arrival day for each office
 * its rows name. Rows the merge turns away as duplicates still count: the file did report those days.
 */
export interface FileCoverageTracker {
  add(office: string, day: string): void;
  write(tx: Kysely<Database>, fileId: string): Promise<void>;
}

export function createFileCoverage(): FileCoverageTracker {
  const spans = new Map<string, { first: string; last: string }>();
  return {
    add(office, day) {
      const s = spans.get(office);
      if (!s) spans.set(office, { first: day, last: day });
      else if (day < s.first) s.first = day;
      else if (day > s.last) s.last = day;
    },
    async write(tx, fileId) {
      if (spans.size === 0) return;
      await tx.insertInto('file_coverage')
        .values([...spans].map(([office, s]) => ({ file_id: fileId, office_code: office, first_day: s.first, last_day: s.last })))
        .execute();
    },
  };
}
