import { describe, expect, it } from 'vitest';
import type { InspectionField, NormalizeInspectionResult, RawRecord, RawValue } from '../../../etl/model.ts';
import { createInspectionNormalizer } from '../../../etl/transform/normalize-inspection.ts';
import { createOfficeResolver } from '../../../etl/transform/resolve-office.ts';
import { readRegistry, registryOffices } from '../../../sql/registry.ts';

const resolver = createOfficeResolver(registryOffices(readRegistry(['almaty-oblast'])));
const normalize = createInspectionNormalizer({ resolver, fileOffice: null, now: new Date('2024-06-01T00:00:00Z') });

function row(values: Partial<Record<InspectionField, RawValue>>): RawRecord<InspectionField> {
  return { line: 2, sheet: null, raw: JSON.stringify(values), values };
}
function reason(r: NormalizeInspectionResult) {
  return r.ok ? null : r.reason;
}

describe('normalizeInspection', () => {
  it('reads a CSV-style inspection: office by name, date and time in Almaty, yes/no findings', () => {
    const r = normalize(row({
      office: 'Сарканский РОП', inspected_at: '15.03.2019 11:00', inspector: ' Иванов И.И. ',
      bars_on_windows: 'да', bars_on_doors: 'нет', inside_secured_perimeter: 'жоқ',
      phones_collected_at_entrance: '0', guard_questions_visitors: '+', signage_present: '', notes: 'Решётки на окнах 1 этажа',
    }));
    expect(r).toEqual({
      ok: true,
      inspection: {
        office_code: 'SRK', inspected_at: new Date('2019-03-15T05:00:00Z'), inspector: 'Иванов И.И.',
        bars_on_windows: true, bars_on_doors: false, inside_secured_perimeter: false,
        phones_collected_at_entrance: false, guard_questions_visitors: true, signage_present: null,
        notes: 'Решётки на окнах 1 этажа', source_line: 2,
      },
    });
  });

  it('reads JSONL booleans and an ISO instant; a date alone is its Almaty midnight', () => {
    const json = normalize(row({ office: 'TDK', inspected_at: '2019-03-15T05:00:00Z', bars_on_windows: false, signage_present: true }));
    expect(json.ok && json.inspection).toMatchObject({ inspected_at: new Date('2019-03-15T05:00:00Z'), bars_on_windows: false, signage_present: true });
    const dateOnly = normalize(row({ office: 'TDK', inspected_at: '2024-03-15' }));
    expect(dateOnly.ok && dateOnly.inspection.inspected_at.toISOString()).toBe('2024-03-14T19:00:00.000Z');
  });

  it('quarantines a missing or unparsable time, an unknown office and a date in the future', () => {
    expect(reason(normalize(row({ office: 'TDK', inspected_at: '' })))).toBe('bad_time');
    expect(reason(normalize(row({ office: 'TDK', inspected_at: '11:00' })))).toBe('bad_time');
    expect(reason(normalize(row({ office: 'Неизвестный', inspected_at: '15.03.2019' })))).toBe('unknown_office');
    expect(reason(normalize(row({ inspected_at: '15.03.2019' })))).toBe('unknown_office');
    expect(reason(normalize(row({ office: 'TDK', inspected_at: '15.03.2030' })))).toBe('out_of_range');
    expect(reason(normalize({ line: 3, sheet: null, raw: 'x', values: null }))).toBe('malformed');
  });

  it('scrubs IINs from notes and inspector', () => {
    const r = normalize(row({ office: 'TDK', inspected_at: '15.03.2019', notes: 'жалоба 900101300126', inspector: '900101300126' }));
    expect(r.ok && [r.inspection.notes, r.inspection.inspector]).toEqual(['жалоба [IIN]', '[IIN]']);
  });
});
