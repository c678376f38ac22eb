/**
 * Pulls up to `depth` items ahead of the consumer: the producer (parsing a file) keeps working while
 * the consumer awaits the database, also through a long wait such as a rollup write, which one item
 * ahead would sit out idle. `depth` bounds the memory. A failure of the producer reaches the
 * consumer when it asks for the item that failed, never as an unhandled rejection.
 */
export async function* prefetch<T>(source: AsyncIterable<T>, depth: number): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  const queue: Promise<IteratorResult<T>>[] = [];
  let ended = false;
  // An async generator queues the calls of next() and runs them one after another.
  const pull = () => {
    const next = it.next();
    // Also marks the rejection handled: it is rethrown to the consumer from the queue.
    next.then((r) => { if (r.done) ended = true; }, () => { ended = true; });
    queue.push(next);
  };
  try {
    for (let i = 0; i < depth; i++) pull();
    for (;;) {
      const r = await queue.shift()!;
      if (r.done) return;
      if (!ended) pull();
      yield r.value;
    }
  } finally {
    // The consumer stopped early (or failed): let the producer clean up.
    if (!ended) await it.return?.(undefined);
  }
}

export async function* fromArray<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}
