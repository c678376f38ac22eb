/**
 * Groups COPY lines into batches of about `rows` lines, each batch a list of ~1 MB chunks, so one
 * batch can be staged and merged while the next is produced. Chunks are built with join, not +=:
 * appending makes V8 keep a rope of every small line alive until the chunk is flattened, which cost
 * gigabytes and doubled the CPU on a million rows.
 */
export async function* batchLines(lines: AsyncIterable<string>, rows: number, chunkSize = 1 << 20): AsyncGenerator<string[]> {
  let batch: string[] = [];
  let parts: string[] = [];
  let size = 0;
  let count = 0;
  const closeChunk = () => {
    if (parts.length > 0) batch.push(parts.join(''));
    parts = [];
    size = 0;
  };
  for await (const line of lines) {
    parts.push(line);
    size += line.length;
    count++;
    if (size >= chunkSize) closeChunk();
    if (count >= rows) {
      closeChunk();
      yield batch;
      batch = [];
      count = 0;
    }
  }
  closeChunk();
  if (batch.length > 0) yield batch;
}

/**
 * Pulls the next item as soon as the current one is handed out: the producer (parsing a file) runs
 * while the consumer awaits the database. One item ahead bounds the memory.
 */
export async function* prefetchOne<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  let next = it.next();
  // A failure while the consumer is busy must wait for the consumer, not crash the process.
  next.catch(() => {});
  for (;;) {
    const r = await next;
    if (r.done) return;
    next = it.next();
    next.catch(() => {});
    yield r.value;
  }
}

export async function* fromArray<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}
