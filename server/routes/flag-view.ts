import type { FlagEvidence } from '../../sql/compliance/flags.ts';
import type { FlagActionRow, FlagRow } from '../../sql/schema/compliance.ts';
import type { Flag, FlagDetailResponse } from '../api/contract.ts';

const iso = (d: Date): string => d.toISOString();
/** Evidence is stored JSON written by earlier versions too: an unparsable time is passed on as written. */
const isoOrAsIs = (s: string): string => (Number.isNaN(Date.parse(s)) ? s : new Date(s).toISOString());

/** A flags row as the API shows it; value and threshold come from the evidence it carries. */
export function flagView(row: FlagRow): Flag {
  const e = row.evidence as Partial<FlagEvidence> | null;
  return {
    id: Number(row.id), office: row.office_code, rule: row.rule, month: row.month, status: row.status,
    value: e?.value ?? null, threshold: e?.threshold ?? null, deadline: row.deadline,
    openedAt: iso(row.opened_at), updatedAt: iso(row.updated_at),
  };
}

export function flagDetail(row: FlagRow, actions: readonly FlagActionRow[]): FlagDetailResponse {
  const e = row.evidence as Partial<FlagEvidence> | null;
  const inspectionId = e?.basis?.inspection?.id;
  return {
    flag: flagView(row),
    evidence: {
      lines: e?.lines ?? [],
      ...(e?.items ? { evidence_items: e.items } : {}),
      inspectionId: inspectionId ? Number(inspectionId) : null,
      visits: (e?.examples ?? []).map((v) => ({
        visitRef: v.visit_ref, source: v.source, arrivedAt: isoOrAsIs(v.arrived_at), minutes: v.minutes ?? null,
      })),
    },
    audit: actions.map((a) => ({ at: iso(a.acted_at), actor: a.actor, action: a.action, note: a.note, deadline: a.deadline })),
  };
}
