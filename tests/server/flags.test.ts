import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshFlagsForMonths } from '../../sql/compliance/flags.ts';
import { evidenceEn } from '../../sql/domain/evidence.ts';
import type { ComplianceResponse, FlagDetailResponse, FlagsResponse } from '../../server/api/contract.ts';
import { seedVisits } from './seed-visits.ts';
import { startTestServer, type TestServer } from './test-server.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  // The seed delays admission by up to 15 minutes: p90 is well over the 5-minute threshold.
  await seedVisits(t.db.db, { offices: ['SRK', 'TDK'], from: '2024-03-01', days: 31 });
  await refreshFlagsForMonths(t.db.db, ['2024-03'], 'test', { today: '2024-05-01' });
});
afterAll(async () => { await t?.close(); });

describe('flags from a real evaluation', () => {
  it('lists the pass-delay breach and shows its evidence visits by reference only', async () => {
    const inspector = await t.login('inspector');
    const list = (await (await t.call('/api/flags?office=SRK&rule=no_pass_delay', { as: inspector })).json()) as FlagsResponse;
    expect(list.flags).toHaveLength(1);
    const flag = list.flags[0];
    expect(flag).toMatchObject({ office: 'SRK', rule: 'no_pass_delay', month: '2024-03-01', status: 'open' });
    expect(flag?.value).toBeGreaterThan(5);
    const res = await t.call(`/api/flags/${flag?.id}`, { as: inspector });
    const text = await res.text();
    const detail = JSON.parse(text) as FlagDetailResponse;
    expect(detail.evidence.lines.length).toBeGreaterThan(0);
    expect(detail.evidence.visits.length).toBeGreaterThan(0);
    expect(detail.evidence.visits[0]?.source).toMatch(/^seed\.csv:\d+$/);
    expect(detail.evidence.visits[0]?.minutes).toBeGreaterThan(5);
    expect(detail.audit[0]).toMatchObject({ action: 'open', actor: 'test' });
    // The dashboard translates the evidence from its items; they say exactly what the English lines say.
    const items = detail.evidence.evidence_items ?? [];
    expect(items.map((i) => i.key)).toEqual(['pass_delay_p90', 'pass_delay_share', 'not_admitted']);
    expect(items.map(evidenceEn)).toEqual(detail.evidence.lines);
    // Evidence never carries who the visitor was.
    expect(text).not.toMatch(/[0-9a-f]{64}/);
  });

  it('gives every matrix cell its evidence as items beside the English lines', async () => {
    const inspector = await t.login('inspector');
    const res = await t.call('/api/compliance?from=2024-03-01&to=2024-04-01&office=SRK', { as: inspector });
    expect(res.status).toBe(200);
    const matrix = (await res.json()) as ComplianceResponse;
    const rules = matrix.offices.find((o) => o.office === 'SRK')?.rules ?? [];
    expect(rules).toHaveLength(7);
    for (const r of rules) {
      expect(r.evidence_items?.length, r.rule).toBeGreaterThan(0);
      expect(r.evidence_items?.map(evidenceEn), r.rule).toEqual(r.evidence);
    }
    const delay = rules.find((r) => r.rule === 'no_pass_delay');
    expect(delay?.evidence_items?.[0]).toMatchObject({ key: 'pass_delay_p90', params: { threshold_min: 5 } });
  });

  it('filters by status and answers 404 for a flag that does not exist, 400 for a bad id', async () => {
    const dept = await t.login('department');
    const resolved = (await (await t.call('/api/flags?status=resolved', { as: dept })).json()) as FlagsResponse;
    expect(resolved.flags).toEqual([]);
    expect((await t.call('/api/flags/999999', { as: dept })).status).toBe(404);
    const bad = await t.call('/api/flags/abc', { as: dept });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/^id: /);
  });

  it('refuses an action the flag cannot take with 409', async () => {
    const inspector = await t.login('inspector');
    const list = (await (await t.call('/api/flags?office=SRK', { as: inspector })).json()) as FlagsResponse;
    const id = list.flags[0]?.id;
    const post = (body: object) => t.call(`/api/flags/${id}/actions`, {
      method: 'POST', as: inspector, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    expect((await post({ action: 'resolve', note: 'решётки сняты' })).status).toBe(200);
    const again = await post({ action: 'resolve' });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('conflict');
  });
});
