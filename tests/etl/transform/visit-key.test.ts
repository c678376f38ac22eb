import { describe, expect, it } from 'vitest';
import { visitKey, type VisitIdentity } from '../../../etl/transform/visit-key.ts';

const base: VisitIdentity = {
  office_code: 'SRK', visit_ref: 'A015', arrival_date: '2019-01-14',
  arrived_at: Date.parse('2019-01-14T04:05:00Z'), visitor_hash: null, topic_text: 'справка',
};

describe('visitKey: identity per data contract §5', () => {
  it('is the short reference itself, or a sha1 hex digest of a long one or of the natural key', () => {
    expect(visitKey(base)).toBe('r\u001fSRK\u001f2019-01-14\u001fA015');
    expect(visitKey({ ...base, visit_ref: 'x'.repeat(41) })).toMatch(/^[0-9a-f]{40}$/);
    expect(visitKey({ ...base, visit_ref: null })).toMatch(/^[0-9a-f]{40}$/);
  });

  it('with a visit_ref: office + trimmed ref + Almaty arrival date, whatever the time or topic', () => {
    const same = visitKey({ ...base, visit_ref: ' A015 ', arrived_at: Date.parse('2019-01-14T09:00:00Z'), topic_text: 'другое' });
    expect(same).toBe(visitKey(base));
    expect(visitKey({ ...base, arrival_date: '2019-01-15' })).not.toBe(visitKey(base)); // tickets restart daily
    expect(visitKey({ ...base, office_code: 'AKS' })).not.toBe(visitKey(base));
    expect(visitKey({ ...base, visit_ref: 'A016' })).not.toBe(visitKey(base));
  });

  it('without one: office + arrived_at to the second + visitor hash + trimmed topic', () => {
    const none = { ...base, visit_ref: null };
    expect(visitKey({ ...none, arrived_at: Date.parse('2019-01-14T04:05:00.700Z'), topic_text: '  справка ' })).toBe(visitKey(none));
    expect(visitKey({ ...none, visit_ref: '  ' })).toBe(visitKey(none));
    expect(visitKey({ ...none, arrived_at: Date.parse('2019-01-14T04:05:01Z') })).not.toBe(visitKey(none));
    expect(visitKey({ ...none, visitor_hash: 'ab'.repeat(32) })).not.toBe(visitKey(none));
    expect(visitKey({ ...none, topic_text: 'кража' })).not.toBe(visitKey(none));
  });
});
