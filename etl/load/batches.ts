/**
 * Joins COPY lines into chunks of about `chunkSize` characters. Built with join, not +=: appending
 * makes V8 keep a rope of every small line alive until the chunk is flattened, which cost gigabytes
 * and doubled the CPU on a million rows.
 */
export class ChunkBuilder {
  private parts: string[] = [];
  private size = 0;
  private chunks: string[] = [];

  constructor(private readonly chunkSize = 1 << 20) {}

  add(line: string): void {
    this.parts.push(line);
    this.size += line.length;
    if (this.size >= this.chunkSize) this.close();
  }

  /** The chunks so far, the last one closed; the builder starts empty again. */
  take(): string[] {
    this.close();
    const chunks = this.chunks;
    this.chunks = [];
    return chunks;
  }

  private close(): void {
    if (this.parts.length > 0) this.chunks.push(this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
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
