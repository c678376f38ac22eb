import type { Lang } from '../../../domain/labels.ts';
import { evidenceEn, renderEvidence, type EvidenceItem, type EvidenceTemplates } from '../../../domain/evidence.ts';
import { getLang } from '../lang.ts';
import { EVIDENCE_EN_WEB } from './en.ts';
import { EVIDENCE_KK } from './kk.ts';
import { EVIDENCE_RU } from './ru.ts';

export const EVIDENCE_TEMPLATES: Readonly<Record<Lang, EvidenceTemplates>> = { ru: EVIDENCE_RU, kk: EVIDENCE_KK, en: EVIDENCE_EN_WEB };

/**
 * Evidence lines in the interface language. Flags stored before evidence items existed carry only
 * the English lines; a line whose item does not reproduce it keeps its English text.
 */
export function evidenceLines(lines: readonly string[], items: readonly EvidenceItem[] | undefined): string[] {
  if (!items || items.length !== lines.length) return [...lines];
  const templates = EVIDENCE_TEMPLATES[getLang()];
  return items.map((item, i) => {
    const english = lines[i] ?? '';
    try {
      // An item is trusted only if it says what its English line says (a parameter lost from stored
      // JSON would otherwise read "NaN" in any language).
      return evidenceEn(item) === english ? renderEvidence(templates, item) : english;
    } catch {
      return english;
    }
  });
}

/**
 * A finding stored as items alone (the audit trail's system entries), in the interface language;
 * null when an item cannot be read, so the caller shows the stored note instead.
 */
export function findingText(items: readonly EvidenceItem[]): string | null {
  const templates = EVIDENCE_TEMPLATES[getLang()];
  try {
    const text = items.map((item) => renderEvidence(templates, item)).join('; ');
    return /NaN|undefined/.test(text) || !text ? null : text;
  } catch {
    return null;
  }
}
