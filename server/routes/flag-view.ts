import type { CaseListRow } from '../../sql/compliance/case-list.ts';
import type { FlagEvidence } from '../../sql/compliance/flags.ts';
import { allowedActions, isOverdue } from '../../domain/flag-workflow.ts';
import type { FlagActionRow, FlagRow } from '../../sql/schema/compliance.ts';
import type { Flag, FlagDetailResponse } from '../api/contract.ts';
import type { EvidenceItem } from '../../domain/evidence.ts';
import { evidenceTemplatesIntl, localizeEvidence } from '../../domain/evidence-text/index.ts';
import type { Lang } from '../../domain/labels.ts';

const iso = (d: Date): string => d.toISOString();
/** Evidence is stored JSON written by earlier versions too: an unparsable time is passed on as written. */
const isoOrAsIs = (s: string): string => (Number.isNaN(Date.parse(s)) ? s : new Date(s).toISOString());

/** A case as the API shows it; value and threshold come from the latest month's evidence. */
export function flagView(row: FlagRow & { months: string[] }, today: string): Flag {
  const e = row.evidence as Partial<FlagEvidence> | null;
  return {
    id: Number(row.id), office: row.office_code, rule: row.rule, month: row.month, months: row.months, status: row.status,
    value: e?.value ?? null, threshold: e?.threshold ?? null, deadline: row.deadline, overdue: isOverdue(row, today),
    closedOn: row.closed_on, closedBasis: row.closed_basis, actions: allowedActions(row.status),
    openedAt: iso(row.opened_at), updatedAt: iso(row.updated_at),
  };
}

/** One row of the list's CSV/XLSX export; the evidence reads as the page words it, in the request's language. */
export function flagExportRow(row: CaseListRow, today: string, lang: Lang): Record<string, string | number | boolean | null> {
  const e = row.evidence as Partial<FlagEvidence> | null;
  return {
    id: Number(row.id), office: row.office_code, rule: row.rule, status: row.status,
    months: row.months.map((m) => m.slice(0, 7)).join(' '), opened_at: iso(row.opened_at), deadline: row.deadline,
    overdue: isOverdue(row, today), closed_on: row.closed_on, value: e?.value ?? null, threshold: e?.threshold ?? null,
    evidence: localizeEvidence(evidenceTemplatesIntl(lang), e?.lines ?? [], e?.items).join('; '),
  };
}

export function flagDetail(row: FlagRow, months: { month: string; evidence: unknown }[], evidenceMonth: string | undefined,
  actions: readonly FlagActionRow[], today: string): FlagDetailResponse {
  const shown = months.find((m) => m.month === evidenceMonth) ?? months.at(-1);
  const e = (shown?.evidence ?? row.evidence) as Partial<FlagEvidence> | null;
  const inspectionId = e?.basis?.inspection?.id;
  return {
    flag: flagView({ ...row, months: months.map((m) => m.month) }, today),
    evidenceMonth: shown?.month ?? row.last_month,
    evidence: {
      lines: e?.lines ?? [],
      ...(e?.items ? { evidence_items: e.items } : {}),
      inspectionId: inspectionId ? Number(inspectionId) : null,
      visits: (e?.examples ?? []).map((v) => ({
        visitRef: v.visit_ref, source: v.source, arrivedAt: isoOrAsIs(v.arrived_at), minutes: v.minutes ?? null,
      })),
    },
    audit: actions.map((a) => ({
      at: iso(a.acted_at), actor: a.actor, action: a.action, note: a.note, items: a.items as EvidenceItem[] | null,
      month: a.month, seenOn: a.seen_on, deadline: a.deadline,
    })),
  };
}
