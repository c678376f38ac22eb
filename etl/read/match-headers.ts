import { RejectedFileError, type InspectionField, type VisitField } from '../model.ts';
import { INSPECTION_ALIASES, VISIT_ALIASES, normalizeHeader } from './header-aliases.ts';

export type HeaderKind = 'visit' | 'inspection';

interface ColumnsOf<K extends HeaderKind, F extends string> {
  kind: K;
  /** The canonical field each column maps to, by column index; null for unknown or duplicate columns. */
  columns: (F | null)[];
  /** Header texts no canonical field claims (blank headers are left out). */
  unknownColumns: string[];
}
export type HeaderMatch = ColumnsOf<'visit', VisitField> | ColumnsOf<'inspection', InspectionField>;

interface AliasEntry<F> { field: F; rank: number }

function indexAliases<F extends string>(table: Readonly<Record<F, readonly string[]>>): Map<string, AliasEntry<F>> {
  const index = new Map<string, AliasEntry<F>>();
  for (const field of Object.keys(table) as F[]) {
    table[field].forEach((alias, rank) => {
      const key = normalizeHeader(alias);
      if (!index.has(key)) index.set(key, { field, rank });
    });
  }
  return index;
}

const VISIT_INDEX = indexAliases(VISIT_ALIASES);
const INSPECTION_INDEX = indexAliases(INSPECTION_ALIASES);

/** The canonical field a header (or JSON key) names, for the given kind of file. */
export function fieldFor(kind: 'visit', header: string): VisitField | null;
export function fieldFor(kind: 'inspection', header: string): InspectionField | null;
export function fieldFor(kind: HeaderKind, header: string): VisitField | InspectionField | null {
  const index = kind === 'visit' ? VISIT_INDEX : INSPECTION_INDEX;
  return index.get(normalizeHeader(header))?.field ?? null;
}

function mapColumns<F extends string>(headers: readonly string[], index: Map<string, AliasEntry<F>>): (F | null)[] {
  const entries = headers.map((h) => index.get(normalizeHeader(h)) ?? null);
  // Two columns claiming one field: the better alias wins, then the leftmost column.
  const best = new Map<F, number>();
  entries.forEach((entry, col) => {
    if (!entry) return;
    const held = best.get(entry.field);
    if (held === undefined || (entries[held]?.rank ?? Infinity) > entry.rank) best.set(entry.field, col);
  });
  return entries.map((entry, col) => (entry && best.get(entry.field) === col ? entry.field : null));
}

function unknownOf(headers: readonly string[], columns: readonly (string | null)[]): string[] {
  return headers.flatMap((h, col) => (columns[col] === null && h.trim() !== '' ? [h.trim()] : []));
}

/**
 * Recognises a header row: a visit log has an arrival-time column; an inspection log has inspected_at
 * (and no arrival column). Null when the row is neither.
 */
export function matchHeaders(headers: readonly string[]): HeaderMatch | null {
  const visit = mapColumns(headers, VISIT_INDEX);
  if (visit.includes('arrived_at')) return { kind: 'visit', columns: visit, unknownColumns: unknownOf(headers, visit) };
  const inspection = mapColumns(headers, INSPECTION_INDEX);
  if (inspection.includes('inspected_at')) {
    return { kind: 'inspection', columns: inspection, unknownColumns: unknownOf(headers, inspection) };
  }
  return null;
}

/** The rejection for a file whose header names no arrival time: what was found, what was expected. */
export function noArrivalColumn(found: readonly string[], where: 'header' | 'sheets' | 'arrow_schema' | 'json_keys' = 'header'): RejectedFileError {
  const shown = found.map((h) => h.trim().slice(0, 60)).filter((h) => h !== '').slice(0, 30);
  const list = shown.length ? shown.map((h) => `"${h}"`).join(', ') : 'none';
  return new RejectedFileError('no_arrival_column', { where, found: list });
}
