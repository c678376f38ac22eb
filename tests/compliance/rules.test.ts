import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateCompliance, type ComplianceReport, type RuleResult } from '../../sql/compliance/evaluate.ts';
import { freshDatabase, type TestDatabase } from '../helpers/db.ts';
import { seedInspection, seedVisits, visitsEvery, type SeedVisit } from './seed.ts';

const JAN = { from: '2019-01-01', to: '2019-02-01', today: '2019-06-01' };

/** Two visits a day on the given January days. */
function januaryVisits(office: string, days: number[], make: (i: number) => Partial<SeedVisit> = () => ({})): SeedVisit[] {
  return days.flatMap((d, k) => visitsEvery(office, `2019-01-${String(d).padStart(2, '0')} 10:00:00`, 2, 90, (i) => make(2 * k + i)));
}
const allJanuary = Array.from({ length: 31 }, (_, i) => i + 1);
const clean = (): Partial<SeedVisit> => ({ delay: 60, phone: false, questioned: false });

function rule(report: ComplianceReport, office: string, code: string): RuleResult {
  const r = report.offices.find((o) => o.office === office)?.rules.find((x) => x.rule === code);
  if (!r) throw new Error(`no ${code} for ${office}`);
  return r;
}

describe('compliance rules over a period', () => {
  let t: TestDatabase;
  let jan: ComplianceReport;
  beforeAll(async () => {
    t = await freshDatabase();
    await seedVisits(t.db, [
      // AKS keeps the order: admitted in a minute, nothing taken, statements in 10 minutes.
      ...januaryVisits('AKS', allJanuary, (i) => ({ ...clean(), outcome: i % 4 === 0 ? 'statement_accepted' : 'consultation', finishedAfter: 600 })),
      // SRK: every other visit waits 20 min, a third hand over phones, 10 % questioned, statements take 30 min.
      ...januaryVisits('SRK', allJanuary, (i) => ({
        delay: i % 2 ? 1200 : 60, phone: i % 3 === 0, questioned: i % 10 === 0,
        outcome: 'statement_accepted', finishedAfter: 1800,
      })),
      // One visit in four never admitted; questioning 4 % stays under the 5 % threshold.
      ...januaryVisits('ESK', allJanuary, (i) => ({ delay: i % 4 === 3 ? null : 60, phone: null, questioned: i % 25 === 0 })),
      // KRT: 10 slow visits, a small sample.
      ...januaryVisits('KRT', [3, 4, 5, 6, 7], () => ({ delay: 900 })),
      // Reporting: KEG silent until the 10th, KSU silent after the 27th, ALK logs every 4th day (3-day gaps).
      ...januaryVisits('KEG', allJanuary.filter((d) => d >= 10), clean),
      ...januaryVisits('KSU', allJanuary.filter((d) => d <= 27), clean),
      ...januaryVisits('ALK', allJanuary.filter((d) => d % 4 === 1), clean),
    ]);
    await seedInspection(t.db, { office: 'AKS', at: '2018-12-10 11:00', bars_on_windows: false, bars_on_doors: false,
      inside_secured_perimeter: false, phones_collected_at_entrance: false, guard_questions_visitors: false });
    await seedInspection(t.db, { office: 'SRK', at: '2018-11-01 11:00', bars_on_windows: false, bars_on_doors: false });
    await seedInspection(t.db, { office: 'SRK', at: '2019-01-20 11:00', inspector: 'Ахметов', bars_on_windows: true,
      bars_on_doors: false, inside_secured_perimeter: true, phones_collected_at_entrance: true });
    await seedInspection(t.db, { office: 'SRK', at: '2019-02-05 11:00', bars_on_windows: false, bars_on_doors: false });
    // KRB: the inspection at 00:30 on 1 February (Almaty) is after January's end although it is 31 January in UTC.
    await seedInspection(t.db, { office: 'KRB', at: '2019-01-05 11:00', inside_secured_perimeter: false });
    await seedInspection(t.db, { office: 'KRB', at: '2019-02-01 00:30', inside_secured_perimeter: true });
    // ILE: no visit records the phone, but the inspector saw phones collected.
    await seedInspection(t.db, { office: 'ILE', at: '2019-01-15 10:00', phones_collected_at_entrance: true, guard_questions_visitors: false });
    jan = await evaluateCompliance(t.db, JAN);
  });
  afterAll(async () => { await t?.close(); });

  it('reports all 20 offices with the seven rules in the contract order', () => {
    expect(jan.offices).toHaveLength(20);
    expect(jan.offices[0]!.rules.map((r) => r.rule)).toEqual([
      'no_bars', 'no_pass_delay', 'no_phone_surrender', 'no_checkpoint_questioning', 'accessible_location', 'application_time', 'reporting']);
  });

  it('finds a clean office ok on every rule, with values in the contract units', () => {
    const rules = jan.offices.find((o) => o.office === 'AKS')!.rules;
    expect(rules.map((r) => [r.rule, r.status])).toEqual(rules.map((r) => [r.rule, 'ok']));
    expect(rule(jan, 'AKS', 'no_pass_delay')).toMatchObject({ value: 1, threshold: 5, share: 0 });
    expect(rule(jan, 'AKS', 'no_phone_surrender')).toMatchObject({ value: 0, threshold: 0 });
    expect(rule(jan, 'AKS', 'application_time')).toMatchObject({ value: 10, threshold: 20 });
    expect(rule(jan, 'AKS', 'reporting')).toMatchObject({ value: 0, threshold: 3 });
    expect(rule(jan, 'AKS', 'no_bars')).toMatchObject({ value: 0, threshold: 0 });
  });

  it('finds the planted problems at SRK as breaches with their evidence', () => {
    const delay = rule(jan, 'SRK', 'no_pass_delay');
    expect(delay).toMatchObject({ status: 'breach', value: 20, threshold: 5, share: 0.5 });
    expect(delay.small_sample).toBeUndefined();
    expect(delay.evidence.join('\n')).toMatch(/p90 admission delay 20\.0 min over 62 admitted visits/);
    expect(delay.evidence.join('\n')).toMatch(/not_admitted: 0/);
    expect(rule(jan, 'SRK', 'no_phone_surrender')).toMatchObject({ status: 'breach', value: 21 / 62, threshold: 0 });
    expect(rule(jan, 'SRK', 'no_checkpoint_questioning')).toMatchObject({ status: 'breach', value: 7 / 62, threshold: 0.05 });
    expect(rule(jan, 'SRK', 'application_time')).toMatchObject({ status: 'breach', value: 30, threshold: 20 });
    expect(rule(jan, 'SRK', 'accessible_location')).toMatchObject({ status: 'breach', value: 1 });
  });

  it('judges bars on the latest inspection on or before the period end, not a later one', async () => {
    const bars = rule(jan, 'SRK', 'no_bars');
    expect(bars).toMatchObject({ status: 'breach', value: 1, threshold: 0 });
    expect(bars.evidence[0]).toContain('inspection 2019-01-20 (Ахметов)');
    const feb = await evaluateCompliance(t.db, { from: '2019-02-01', to: '2019-03-01', offices: ['SRK'], today: JAN.today });
    expect(rule(feb, 'SRK', 'no_bars')).toMatchObject({ status: 'ok', value: 0 });
    const dec = await evaluateCompliance(t.db, { from: '2018-12-01', to: '2019-01-01', offices: ['SRK'], today: JAN.today });
    expect(rule(dec, 'SRK', 'no_bars').evidence[0]).toContain('2018-11-01');
    expect(rule(jan, 'KRB', 'accessible_location')).toMatchObject({ status: 'ok', value: 0 });
  });

  it('leaves visits without admission out of the delay and reports them as not_admitted', () => {
    const r = rule(jan, 'ESK', 'no_pass_delay');
    expect(r).toMatchObject({ status: 'ok', value: 1 });
    expect(r.evidence.join('\n')).toMatch(/over 47 admitted visits/);
    expect(r.evidence.join('\n')).toMatch(/not_admitted: 15/);
    expect(rule(jan, 'ESK', 'no_checkpoint_questioning')).toMatchObject({ status: 'ok', value: 3 / 62 });
  });

  it('says no_data, never ok, when neither visits nor an inspection tell', () => {
    expect(rule(jan, 'ESK', 'no_phone_surrender')).toMatchObject({ status: 'no_data', value: null });
    expect(rule(jan, 'ESK', 'no_bars')).toMatchObject({ status: 'no_data', value: null });
    expect(rule(jan, 'ESK', 'application_time')).toMatchObject({ status: 'no_data', value: null });
    const silent = jan.offices.find((o) => o.office === 'TLG')!.rules;
    expect(silent.filter((r) => r.status === 'no_data').map((r) => r.rule)).toEqual([
      'no_bars', 'no_pass_delay', 'no_phone_surrender', 'no_checkpoint_questioning', 'accessible_location', 'application_time', 'reporting']);
    expect(rule(jan, 'TLG', 'no_pass_delay').share).toBeNull();
  });

  it('judges a two-source rule on the inspection when visits do not record it', () => {
    expect(rule(jan, 'ILE', 'no_phone_surrender')).toMatchObject({ status: 'breach', value: 1 });
    expect(rule(jan, 'ILE', 'no_checkpoint_questioning')).toMatchObject({ status: 'ok', value: 0 });
    // Visits clean but the inspector saw phones taken: either source showing it is a breach.
    expect(rule(jan, 'SRK', 'no_phone_surrender').evidence.join('\n')).toMatch(/phone surrendered yes/);
  });

  it('marks a verdict drawn from fewer than 30 visits as a small sample', () => {
    expect(rule(jan, 'KRT', 'no_pass_delay')).toMatchObject({ status: 'breach', value: 15, small_sample: true });
    expect(rule(jan, 'AKS', 'no_pass_delay').small_sample).toBeUndefined();
  });

  it('counts silent days from the office\'s first visit ever, and lists the office that never reported apart', () => {
    // KEG's first visit ever is on 10 January: the nine days before it are not a gap (contract §4).
    expect(rule(jan, 'KEG', 'reporting')).toMatchObject({ status: 'ok', value: 0 });
    expect(rule(jan, 'KSU', 'reporting')).toMatchObject({ status: 'breach', value: 4 });
    expect(rule(jan, 'ALK', 'reporting')).toMatchObject({ status: 'ok', value: 3 });
    expect(rule(jan, 'TLG', 'reporting')).toMatchObject({ status: 'no_data', value: null });
    expect(rule(jan, 'TLG', 'reporting').evidence[0]).toMatch(/^never reported/);
  });

  it('counts reporting only up to today when the period has not ended', async () => {
    const r = await evaluateCompliance(t.db, { ...JAN, today: '2019-01-29', offices: ['KSU', 'TLG'] });
    // Days up to yesterday count: the 28th is KSU's only silent day so far.
    expect(rule(r, 'KSU', 'reporting')).toMatchObject({ status: 'ok', value: 1 });
    expect(rule(r, 'TLG', 'reporting')).toMatchObject({ status: 'no_data', value: null });
    const short = await evaluateCompliance(t.db, { from: '2019-01-01', to: '2019-01-03', offices: ['TLG'], today: JAN.today });
    expect(rule(short, 'TLG', 'reporting')).toMatchObject({ status: 'no_data', value: null });
  });

  it('rejects an unknown office and a reversed period', async () => {
    await expect(evaluateCompliance(t.db, { ...JAN, offices: ['XXX'] })).rejects.toThrow(/unknown office XXX/);
    await expect(evaluateCompliance(t.db, { from: '2019-02-01', to: '2019-01-01' })).rejects.toThrow(/must be after/);
  });
});
