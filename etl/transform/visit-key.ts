import { createHash } from 'node:crypto';

export interface VisitIdentity {
  office_code: string;
  visit_ref: string | null;
  /** Almaty calendar day of arrival, 'YYYY-MM-DD'. */
  arrival_date: string;
  /** Epoch ms. */
  arrived_at: number;
  visitor_hash: string | null;
  /** Trimmed and scrubbed, as stored. */
  topic_text: string;
}

/**
 * A visit's identity (data contract §5): the text itself for a short visit_ref, else a sha1 hex digest. With a visit_ref: office + ref +
 * Almaty arrival day, since tickets restart daily. Without: office + arrived_at to the second + visitor
 * hash (or none) + topic. The two shapes are tagged so one can never equal the other; fields are
 * joined with the ASCII unit separator, which no office code, date or hash contains.
 */
export function visitKey(v: VisitIdentity): string {
  const ref = v.visit_ref?.trim() ?? '';
  // A short reference is its own key (no hashing on the hot path); long free text is digested.
  if (ref !== '' && ref.length <= 40 && !ref.includes('\u001f')) return `r\u001f${v.office_code}\u001f${v.arrival_date}\u001f${ref}`;
  const material = ref !== ''
    ? `ref\u001f${v.office_code}\u001f${ref}\u001f${v.arrival_date}`
    : `time\u001f${v.office_code}\u001f${Math.floor(v.arrived_at / 1000)}\u001f${v.visitor_hash ?? ''}\u001f${v.topic_text.trim()}`;
  return createHash('sha1').update(material).digest('hex');
}
