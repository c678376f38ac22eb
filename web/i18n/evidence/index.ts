import type { Lang } from '../../../domain/labels.ts';
import type { EvidenceItem, EvidenceTemplates } from '../../../domain/evidence.ts';
import { evidenceTemplates, localizeEvidence, localizeFinding } from '../../../domain/evidence-text/index.ts';
import type { EvidenceFormats } from '../../../domain/evidence-text/formats.ts';
import { fmtDay, fmtInt, fmtNum, fmtShare } from '../format.ts';
import { getLang } from '../lang.ts';

/** The interface's formats (they read the current language when called, so withLang applies). */
const WEB_FORMATS: EvidenceFormats = { day: (d) => fmtDay(d), int: fmtInt, num: (n) => fmtNum(n), pct: (s) => fmtShare(s, 1) };

export const EVIDENCE_TEMPLATES: Readonly<Record<Lang, EvidenceTemplates>> = {
  ru: evidenceTemplates('ru', WEB_FORMATS), kk: evidenceTemplates('kk', WEB_FORMATS), en: evidenceTemplates('en', WEB_FORMATS),
};

/** Evidence lines in the interface language (see domain/evidence-text for the fallback to English). */
export function evidenceLines(lines: readonly string[], items: readonly EvidenceItem[] | undefined): string[] {
  return localizeEvidence(EVIDENCE_TEMPLATES[getLang()], lines, items);
}

/** A finding stored as items alone, in the interface language; null when an item cannot be read. */
export function findingText(items: readonly EvidenceItem[]): string | null {
  return localizeFinding(EVIDENCE_TEMPLATES[getLang()], items);
}
