import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CategoryCorrectionResponse, TopicReviewResponse, TopicsResponse } from '../../server/api/contract.ts';
import type { z } from 'zod';
import { seedVisits } from './seed-visits.ts';
import { startTestServer, type TestServer } from './test-server.ts';

let t: TestServer;
const PERIOD = 'from=2024-02-01&to=2024-02-08';

beforeAll(async () => {
  t = await startTestServer();
  await seedVisits(t.db.db, { offices: ['SRK', 'TDK'], from: '2024-02-01', days: 7 });
});

afterAll(async () => {
  await t?.close();
});

const json = { 'content-type': 'application/json' };

async function topicCount(category: string): Promise<number> {
  const res = await t.call(`/api/topics?${PERIOD}`, { as: await t.login('department') });
  const body = (await res.json()) as TopicsResponse;
  return body.categories.find((c) => c.category === category)?.visits ?? 0;
}

describe('correcting a visit\'s category in the dashboard', () => {
  it('offers department the least certain visits of the period; press and inspector may not see them', async () => {
    const res = await t.call(`/api/topics/review?${PERIOD}&office=SRK`, { as: await t.login('department') });
    expect(res.status).toBe(200);
    const body = (await res.json()) as TopicReviewResponse;
    expect(body.visits.length).toBeGreaterThan(0);
    expect(body.visits.every((v) => v.office === 'SRK')).toBe(true);
    expect(body.corrections).toEqual([]);
    for (const role of ['press', 'inspector'] as const) {
      expect((await t.call(`/api/topics/review?${PERIOD}`, { as: await t.login(role) })).status).toBe(403);
    }
  });

  it('moves the visit, records who and why, and the topics page counts it at once', async () => {
    const dept = await t.login('department');
    const [visit] = ((await (await t.call(`/api/topics/review?${PERIOD}`, { as: dept })).json()) as TopicReviewResponse).visits;
    if (!visit) throw new Error('no visit to correct');
    const to = visit.category === 'weapons' ? 'juvenile' : 'weapons';
    const [fromBefore, toBefore] = [await topicCount(visit.category), await topicCount(to)];
    const res = await t.call(`/api/visits/${visit.id}/category`, {
      method: 'POST', as: dept, headers: json, body: JSON.stringify({ category: to, reason: '  бланк на ружьё  ' }),
    });
    expect(res.status).toBe(200);
    const { correction } = (await res.json()) as z.infer<typeof CategoryCorrectionResponse>;
    expect(correction).toMatchObject({ visitId: visit.id, from: visit.category, to, actor: 'department', reason: 'бланк на ружьё' });
    expect(await topicCount(visit.category)).toBe(fromBefore - 1);
    expect(await topicCount(to)).toBe(toBefore + 1);
    const review = (await (await t.call(`/api/topics/review?${PERIOD}`, { as: dept })).json()) as TopicReviewResponse;
    expect(review.corrections).toEqual([correction]);
    expect(review.visits.some((v) => v.id === visit.id)).toBe(false);
    // The same category again is a conflict; an unknown visit is 404.
    const again = await t.call(`/api/visits/${visit.id}/category`, { method: 'POST', as: dept, headers: json, body: JSON.stringify({ category: to, reason: 'x' }) });
    expect(again.status).toBe(409);
    const missing = await t.call('/api/visits/999999/category', { method: 'POST', as: dept, headers: json, body: JSON.stringify({ category: to, reason: 'x' }) });
    expect(missing.status).toBe(404);
  });

  it('validates the input and the role', async () => {
    const dept = await t.login('department');
    const post = (path: string, body: unknown, as = dept) => t.call(path, { method: 'POST', as, headers: json, body: JSON.stringify(body) });
    expect((await post('/api/visits/1/category', { category: 'nonsense', reason: 'x' })).status).toBe(400);
    expect((await post('/api/visits/1/category', { category: 'theft', reason: '   ' })).status).toBe(400);
    expect((await post('/api/visits/1/category', { category: 'theft', reason: 'x'.repeat(501) })).status).toBe(400);
    expect((await post('/api/visits/abc/category', { category: 'theft', reason: 'x' })).status).toBe(400);
    expect((await post('/api/visits/1/category', { category: 'theft', reason: 'x' }, await t.login('press'))).status).toBe(403);
    expect((await t.call('/api/visits/1/category', { method: 'POST', as: dept, csrf: false, headers: json, body: '{"category":"theft","reason":"x"}' })).status).toBe(403);
  });
});
