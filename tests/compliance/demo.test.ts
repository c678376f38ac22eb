import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SCENARIO } from '../../etl/demo/scenario.ts';
import { writeDemo } from '../../etl/demo/write-demo.ts';
import { ingestPaths } from '../../etl/pipeline.ts';
import { evaluateCompliance, type ComplianceReport, type RuleResult } from '../../sql/compliance/evaluate.ts';
import { listAllCases } from '../../sql/compliance/case-list.ts';
import { refreshFlagsForMonths, type FlagEvidence } from '../../sql/compliance/flags.ts';
import { freshDatabase, type TestDatabase } from '../helpers/db.ts';

/** January and February 2019: the silent office sends nothing after 30 January, so February is silent. */
const END = '2019-02-28';
const FEB = { from: '2019-02-01', to: '2019-03-01', today: '2019-06-01' };

function rules(report: ComplianceReport, office: string): Record<string, RuleResult> {
  const o = report.offices.find((x) => x.office === office);
  if (!o) throw new Error(`no ${office} in the report`);
  return Object.fromEntries(o.rules.map((r) => [r.rule, r]));
}

describe('compliance on the demo data', () => {
  let t: TestDatabase;
  let feb: ComplianceReport;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vitrina-demo-compliance-'));

  beforeAll(async () => {
    t = await freshDatabase();
    await writeDemo({ outDir: dir, days: 59, endDate: END });
    const report = await ingestPaths(t, [dir], { iinKey: 'test-iin-key-0123456789abcdef', now: new Date('2019-06-01T00:00:00Z') });
    expect(report.totals.rows_loaded).toBeGreaterThan(10_000);
    feb = await evaluateCompliance(t.db, FEB);
  }, 600_000);
  afterAll(async () => { await t?.close(); fs.rmSync(dir, { recursive: true, force: true }); });

  it('finds the guard post office in breach of everything but bars and reporting, with evidence', () => {
    const srk = rules(feb, DEMO_SCENARIO.guardPostOffice);
    expect(Object.fromEntries(Object.entries(srk).map(([k, r]) => [k, r.status]))).toEqual({
      no_bars: 'ok', no_pass_delay: 'breach', no_phone_surrender: 'breach', no_checkpoint_questioning: 'breach',
      accessible_location: 'breach', application_time: 'breach', reporting: 'ok',
    });
    expect(srk.no_pass_delay!.value).toBeGreaterThan(5);
    expect(srk.no_pass_delay!.evidence.join(' ')).toMatch(/p90 admission delay .* over \d+ admitted visits/);
    expect(srk.application_time!.value).toBeGreaterThan(20);
    expect(srk.no_phone_surrender!.value).toBeGreaterThan(0.5);
  });

  it('finds bars where the inspections saw them, the rest of those offices clean', () => {
    for (const office of DEMO_SCENARIO.barsOffices) {
      const r = rules(feb, office);
      expect(r.no_bars).toMatchObject({ status: 'breach', value: 1 });
      expect(r.no_pass_delay!.status, office).toBe('ok');
      expect(r.no_phone_surrender!.status, office).toBe('ok');
    }
  });

  it('puts the silent office on reporting and no_data, never ok', () => {
    const rmb = rules(feb, DEMO_SCENARIO.silentOffice);
    expect(rmb.reporting).toMatchObject({ status: 'breach', value: 28 });
    for (const rule of ['no_bars', 'no_pass_delay', 'no_phone_surrender', 'no_checkpoint_questioning', 'accessible_location', 'application_time']) {
      expect(rmb[rule]!.status, rule).toBe('no_data');
    }
  });

  it('finds the clean offices ok, the small ones marked as small samples', () => {
    for (const office of DEMO_SCENARIO.cleanOffices) {
      const r = rules(feb, office);
      const small = (DEMO_SCENARIO.smallSampleOffices as readonly string[]).includes(office);
      for (const rule of ['no_bars', 'no_pass_delay', 'no_phone_surrender', 'no_checkpoint_questioning', 'accessible_location']) {
        expect(r[rule]!.status, `${office} ${rule}`).toBe('ok');
      }
      if (!small) expect(r.reporting!.status, `${office} reporting`).toBe('ok');
      expect(Boolean(r.no_pass_delay!.small_sample), `${office} small sample`).toBe(small);
    }
  });

  it('opens flags for the planted problems with example visits, none for clean offices', async () => {
    await refreshFlagsForMonths(t.db, ['2019-02'], 'ingest', { today: FEB.today });
    const flags = await listAllCases(t.db, { month: '2019-02-01', today: FEB.today });
    const srk = flags.filter((f) => f.office_code === 'SRK');
    expect(srk.map((f) => f.rule).sort()).toEqual(['accessible_location', 'application_time', 'no_checkpoint_questioning', 'no_pass_delay', 'no_phone_surrender']);
    const delay = srk.find((f) => f.rule === 'no_pass_delay')!.evidence as FlagEvidence;
    expect(delay.examples.length).toBe(5);
    expect(delay.examples[0]!.source).toMatch(/:\d+$|#.+:\d+$/);
    expect(JSON.stringify(flags.map((f) => f.evidence))).not.toMatch(/visitor_hash|[0-9a-f]{64}/);
    const bigClean = DEMO_SCENARIO.cleanOffices.filter((o) => !(DEMO_SCENARIO.smallSampleOffices as readonly string[]).includes(o));
    expect(flags.filter((f) => (bigClean as readonly string[]).includes(f.office_code))).toEqual([]);
  });
});
