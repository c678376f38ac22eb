import { evidenceEn, renderEvidence, type EvidenceItem, type EvidenceTemplates } from '../evidence.ts';
import type { Lang } from '../labels.ts';
import { evidenceEnglish } from './en.ts';
import { intlEvidenceFormats, type EvidenceFormats } from './formats.ts';
import { evidenceKk } from './kk.ts';
import { evidenceRu } from './ru.ts';

/**
 * Evidence as a finding in the reader's language, one wording for the dashboard and the files the
 * server writes (the list's CSV/XLSX), so an export reads as the page does.
 */
const BY_LANG: Readonly<Record<Lang, (fmt: EvidenceFormats) => EvidenceTemplates>> = { ru: evidenceRu, kk: evidenceKk, en: evidenceEnglish };

export function evidenceTemplates(lang: Lang, fmt: EvidenceFormats): EvidenceTemplates {
  return BY_LANG[lang](fmt);
}

const intlTemplates = new Map<Lang, EvidenceTemplates>();
/** A language's templates with Intl's formats (the server's). */
export function evidenceTemplatesIntl(lang: Lang): EvidenceTemplates {
  let t = intlTemplates.get(lang);
  if (!t) { t = evidenceTemplates(lang, intlEvidenceFormats(lang)); intlTemplates.set(lang, t); }
  return t;
}

/**
 * Evidence lines in a language. Flags stored before evidence items existed carry only the English
 * lines; a line whose item does not reproduce it keeps its English text.
 */
export function localizeEvidence(templates: EvidenceTemplates, lines: readonly string[], items: readonly EvidenceItem[] | undefined): string[] {
  if (!items || items.length !== lines.length) return [...lines];
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

/** A finding stored as items alone (the audit trail's system entries); null when an item cannot be read. */
export function localizeFinding(templates: EvidenceTemplates, items: readonly EvidenceItem[]): string | null {
  try {
    const text = items.map((item) => renderEvidence(templates, item)).join('; ');
    return /NaN|undefined/.test(text) || !text ? null : text;
  } catch {
    return null;
  }
}
