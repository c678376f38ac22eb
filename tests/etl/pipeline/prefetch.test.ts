import { describe, expect, it } from 'vitest';
import { prefetch } from '../../../etl/load/batches.ts';

/** A producer that records how far it has run ahead of what was handed out. */
function producer(count: number, failAt = -1) {
  const state = { produced: 0, finished: false, closed: false };
  async function* items(): AsyncGenerator<number> {
    try {
      for (let i = 0; i < count; i++) {
        await new Promise((resolve) => setImmediate(resolve));
        if (i === failAt) throw new Error(`item ${i} is damaged`);
        state.produced++;
        yield i;
      }
      state.finished = true;
    } finally {
      state.closed = true;
    }
  }
  return { state, items: items() };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('prefetch: the producer runs ahead of a busy consumer, a bounded number of items', () => {
  it('hands out every item in order, and runs at most `depth` ahead while the consumer waits', async () => {
    const { state, items } = producer(10);
    const seen: number[] = [];
    for await (const x of prefetch(items, 3)) {
      await settle(); // the consumer is busy (a COPY)
      expect(state.produced - seen.length).toBeLessThanOrEqual(4); // the item in hand and 3 ahead
      if (x < 7) expect(state.produced - seen.length).toBeGreaterThanOrEqual(3);
      seen.push(x);
    }
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(state.finished).toBe(true);
  });

  it('gives a failure of the producer to the consumer at the item that failed, not as an unhandled rejection', async () => {
    const { items } = producer(10, 4);
    const seen: number[] = [];
    await expect((async () => {
      for await (const x of prefetch(items, 3)) {
        await settle();
        seen.push(x);
      }
    })()).rejects.toThrow('item 4 is damaged');
    expect(seen).toEqual([0, 1, 2, 3]);
  });

  it('closes the producer when the consumer stops early (a failed COPY rolls the file back)', async () => {
    const { state, items } = producer(100);
    await expect((async () => {
      for await (const x of prefetch(items, 4)) {
        if (x === 2) throw new Error('the database refused the batch');
      }
    })()).rejects.toThrow('refused');
    expect(state.closed).toBe(true);
    expect(state.finished).toBe(false);
    expect(state.produced).toBeLessThanOrEqual(3 + 4);
  });
});
