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
