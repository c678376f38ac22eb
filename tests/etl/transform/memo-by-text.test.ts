import { describe, expect, it } from 'vitest';
import { createCachedClassifier, type TopicResult } from '../../../etl/classify/classify-topic.ts';
import { memoByText } from '../../../etl/transform/memo-by-text.ts';

// The ingest's per-row caches: each must give what the uncached function gives, whatever the order.
describe('memoByText', () => {
  it('answers as the parser does for repeated, alternating and non-text values, parsing a repeated text once', () => {
    const seen: unknown[] = [];
    const parse = memoByText((v) => { seen.push(v); return typeof v === 'string' ? v.toUpperCase() : `n${String(v)}`; });
    const values = ['нет', 'нет', 'да', 'нет', 'да', 7, 'да', '', null, ''];
    expect(values.map(parse)).toEqual(['НЕТ', 'НЕТ', 'ДА', 'НЕТ', 'ДА', 'n7', 'ДА', '', 'nnull', '']);
    expect(seen.filter((v) => v === 'нет')).toHaveLength(1);
  });
});

describe('createCachedClassifier', () => {
  it('keys by service and text, and stays right past its bound', () => {
    let calls = 0;
    const classify = (text: string, service?: string | null): TopicResult => {
      calls++;
      return { category: 'unspecified', confidence: text.length + (service ? 100 : 0), terms: [] };
    };
    const cached = createCachedClassifier(3, classify);
    const asked: [string, string | null][] = [['кража', null], ['кража', 'МП'], ['кража', null], ['a', null], ['b', 'МП'], ['c', null], ['кража', 'МП']];
    expect(asked.map(([t, s]) => cached(t, s).confidence)).toEqual(asked.map(([t, s]) => classify(t, s).confidence));
    calls = 0;
    cached('c', null);
    expect(calls).toBe(0);
  });
});
