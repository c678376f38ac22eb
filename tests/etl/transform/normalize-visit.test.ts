import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NormalizeResult, RawRecord, RawValue, VisitField } from '../../../etl/model.ts';
import { MissingIinKeyError, createVisitNormalizer } from '../../../etl/transform/normalize-visit.ts';
import { createOfficeResolver } from '../../../etl/transform/resolve-office.ts';
import { readRegistry, registryOffices } from '../../../sql/registry.ts';

const FIXTURE = path.join(import.meta.dirname, '../../fixtures/transform/visits');
const KEY = 'fixture-key-0123456789';
const resolver = createOfficeResolver(registryOffices(readRegistry(['almaty-oblast'])));
const NOW = new Date('2024-06-01T00:00:00Z');

const normalize = createVisitNormalizer({ resolver, fileOffice: 'SRK', now: NOW, iinKey: KEY });
let line = 1;
function row(values: Partial<Record<VisitField, RawValue>>): RawRecord<VisitField> {
  line += 1;
  return { line, sheet: null, raw: JSON.stringify(values), values };
}
function rejected(r: NormalizeResult) {
  if (r.ok) throw new Error(`expected a quarantined row, got a visit at ${new Date(r.visit.arrived_at).toISOString()}`);
  return r;
}
function accepted(r: NormalizeResult) {
  if (!r.ok) throw new Error(`expected a visit, got ${r.reason}: ${r.detail}`);
  return r.visit;
}
const day = { date: '14.01.2019', topic_text: 'кража' };
const TIME_FIELDS = new Set(['arrived_at', 'admitted_at', 'started_at', 'finished_at', 'specialist_called_at', 'specialist_arrived_at']);

describe('normalizeVisit: golden rows (tests/fixtures/transform/visits)', () => {
  it('turns input.jsonl into expected.json', () => {
    const input = fs.readFileSync(path.join(FIXTURE, 'input.jsonl'), 'utf8').trim().split('\n');
    const expected: unknown = JSON.parse(fs.readFileSync(path.join(FIXTURE, 'expected.json'), 'utf8'));
    const actual = input.map((l) => normalize(JSON.parse(l) as RawRecord<VisitField>));
    // The fixture writes instants as ISO text, the way they read; a visit holds them as epoch ms.
    const iso = (_key: string, value: unknown) => (TIME_FIELDS.has(_key) && typeof value === 'number' ? new Date(value).toISOString() : value);
    expect(JSON.parse(JSON.stringify(actual, iso))).toEqual(expected);
  });
});

describe('normalizeVisit: quarantine reasons (data contract §5)', () => {
  it('malformed: a row the reader could not split', () => {
    const r = rejected(normalize({ line: 9, sheet: null, raw: 'a;b', values: null, malformed: 'expected 12 fields, found 2' }));
    expect(r).toEqual({ ok: false, reason: 'malformed', detail: 'expected 12 fields, found 2' });
    const leaky = rejected(normalize({ line: 9, sheet: null, raw: 'x', values: null, malformed: 'bad field "900101300126"' }));
    expect(leaky.detail).toBe('bad field "[IIN]"');
  });

  it('bad_time: arrived_at missing or unparsable, or another present time unparsable', () => {
    expect(rejected(normalize(row({ ...day, arrived_at: null }))).reason).toBe('bad_time');
    expect(rejected(normalize(row({ ...day, arrived_at: '10 часов' }))).reason).toBe('bad_time');
    expect(rejected(normalize(row({ ...day, arrived_at: '10:05', started_at: '10:6' }))).reason).toBe('bad_time');
    expect(rejected(normalize(row({ ...day, arrived_at: '10:05', specialist_called_at: 'звонили' }))).reason).toBe('bad_time');
  });

  it('unknown_office: the row names an office the registry does not know, or nothing names one', () => {
    expect(rejected(normalize(row({ ...day, arrived_at: '10:05', office: 'Атырауский РОП' }))).reason).toBe('unknown_office');
    const noFile = createVisitNormalizer({ resolver, fileOffice: null, now: NOW, iinKey: KEY });
    const r = rejected(noFile(row({ ...day, arrived_at: '10:05' })));
    expect(r.reason).toBe('unknown_office');
    expect(r.detail).toMatch(/expected an office code or name/);
  });

  it('the row\'s office column wins over the file name', () => {
    expect(accepted(normalize(row({ ...day, arrived_at: '10:05', office: 'Ақсу' }))).office_code).toBe('AKS');
    expect(accepted(normalize(row({ ...day, arrived_at: '10:05', office: '  ' }))).office_code).toBe('SRK');
  });

  it('time_order: a step more than a minute before the nearest earlier time', () => {
    const admitted = rejected(normalize(row({ ...day, arrived_at: '10:05', admitted_at: '10:03' })));
    expect(admitted.reason).toBe('time_order');
    expect(admitted.detail).toContain('admitted_at: expected no earlier than arrived_at 2019-01-14 10:05, found 2019-01-14 10:03');
    const finished = rejected(normalize(row({ ...day, arrived_at: '10:05', started_at: '10:20', finished_at: '10:10' })));
    expect(finished.detail).toMatch(/^finished_at: expected no earlier than started_at/);
    // Compared with the nearest earlier non-empty time (admitted is empty here).
    expect(rejected(normalize(row({ ...day, arrived_at: '10:05', admitted_at: '', started_at: '10:00' }))).reason).toBe('time_order');
  });

  it('time_order tolerates up to one minute', () => {
    expect(accepted(normalize(row({ ...day, arrived_at: '10:05:00', admitted_at: '10:04:00' }))).admitted_at)
      .toBe(Date.parse('2019-01-14T04:04:00.000Z'));
    expect(rejected(normalize(row({ ...day, arrived_at: '10:05:00', admitted_at: '10:03:59' }))).reason).toBe('time_order');
  });

  it('out_of_range: before 2018-01-01 in Almaty, or more than a day after the run', () => {
    expect(rejected(normalize(row({ arrived_at: '2017-12-31 23:59:59', topic_text: '' }))).reason).toBe('out_of_range');
    expect(accepted(normalize(row({ arrived_at: '2018-01-01 00:00:00', topic_text: '' }))).arrival_date).toBe('2018-01-01');
    expect(accepted(normalize(row({ arrived_at: '2024-06-01T23:59:00Z', topic_text: '' }))).arrival_date).toBe('2024-06-02');
    expect(rejected(normalize(row({ arrived_at: '2024-06-02T00:01:00Z', topic_text: '' }))).reason).toBe('out_of_range');
  });

  it('does not quarantine an invalid IIN, an unknown service or an empty topic', () => {
    const v = accepted(normalize(row({ ...day, arrived_at: '10:05', iin: '12345', service: 'Служба Х', topic_text: '' })));
    expect(v).toMatchObject({ iin_status: 'invalid', visitor_hash: null, service: 'Служба Х', topic_text: '' });
  });

  it('never puts a raw IIN into a detail', () => {
    const details = [
      rejected(normalize(row({ ...day, arrived_at: '900101300126' }))).detail,
      rejected(normalize(row({ ...day, arrived_at: '10:05', office: 'ИИН 900101300126' }))).detail,
      rejected(normalize(row({ ...day, arrived_at: '10:05', finished_at: `${'x'.repeat(55)}900101300126` }))).detail,
    ];
    for (const d of details) expect(d).not.toMatch(/\d{6}/);
  });
});

describe('normalizeVisit: values', () => {
  it('hashes a valid IIN under the key and scrubs IINs from the topic', () => {
    const v = accepted(normalize(row({ ...day, arrived_at: '10:05', iin: '900101300126', topic_text: ' ИИН 900101300126, кража ' })));
    expect(v.visitor_hash).toBe(createHmac('sha256', KEY).update('900101300126').digest('hex'));
    expect(v.iin_status).toBe('valid');
    expect(v.topic_text).toBe('ИИН [IIN], кража');
    expect(JSON.stringify(v)).not.toContain('900101300126');
  });

  it('throws MissingIinKeyError on the first valid IIN when no key is set', () => {
    const keyless = createVisitNormalizer({ resolver, fileOffice: 'SRK', now: NOW, iinKey: null });
    expect(accepted(keyless(row({ ...day, arrived_at: '10:05', iin: 'нет' }))).iin_status).toBe('invalid');
    expect(() => keyless(row({ ...day, arrived_at: '10:05', iin: '900101300126' }))).toThrow(MissingIinKeyError);
  });

  it('gives the same visit the same key whether it came as CSV text or as JSONL', () => {
    const csv = accepted(normalize(row({ ...day, arrived_at: '10:05', iin: '900101300126', topic_text: 'кража ' })));
    const jsonl = accepted(normalize(row({ arrived_at: '2019-01-14T04:05:00Z', iin: 900101300126, topic_text: 'кража' })));
    expect(jsonl.visit_key).toBe(csv.visit_key);
  });

  it('trims service and outcome text, empty → null; keeps the visit_ref as text', () => {
    const v = accepted(normalize(row({ ...day, arrived_at: '10:05', visit_ref: 17, service: '  Миграционная полиция ', outcome: ' Направлен ' })));
    expect(v).toMatchObject({ visit_ref: '17', service: 'Миграционная полиция', outcome: 'referred', outcome_text: 'Направлен' });
    const e = accepted(normalize(row({ ...day, arrived_at: '10:05', service: '', outcome: '  ' })));
    expect(e).toMatchObject({ visit_ref: null, service: null, outcome: null, outcome_text: null });
  });
});
