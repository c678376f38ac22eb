import type { RawRecord, ReadResult } from '../model.ts';

/** A file's records in groups: the reader's own where it has them, else one record a group. */
export async function* recordGroups<F extends string>(read: ReadResult<F>): AsyncGenerator<RawRecord<F>[]> {
  if (read.groups) {
    yield* read.groups;
    return;
  }
  for await (const record of read.records) yield [record];
}

/** The records of groups one by one, for readers of a file that need no speed. */
export async function* eachRecord<F extends string>(groups: AsyncIterable<RawRecord<F>[]>): AsyncGenerator<RawRecord<F>> {
  for await (const group of groups) yield* group;
}
