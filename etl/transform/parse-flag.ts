import type { RawValue } from '../model.ts';
import { foldPhrase } from './fold-text.ts';

/** Yes/no as people write it in ru/kk/en journals (folded: иә → иа, жоқ → жок). */
const WORDS: ReadonlyMap<string, boolean> = new Map([
  ...['да', 'д', 'иа', 'ия', 'иэ', '1', '+', 'true', 't', 'yes', 'y', 'истина', 'есть', 'был', 'была', 'было', 'сдан', 'сдал', 'x', 'v', '✓', '✔']
    .map((w) => [w, true] as const),
  ...['нет', 'н', 'жок', 'жоқ', '0', '-', '—', '–', 'false', 'f', 'no', 'n', 'ложь', 'не было', 'не сдан', 'не сдавал']
    .map((w) => [w, false] as const),
]);

/**
 * A yes/no cell: да/нет, иә/жоқ, 1/0, +/-, true/false, yes/no, д/н in any case; booleans and 0/1
 * from JSON or spreadsheets. Empty or unrecognised text is null ("not recorded"), never false, which
 * would count as compliant.
 */
export function parseFlag(value: RawValue | undefined): boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : null;
  const text = value.trim().toLowerCase();
  if (text === '') return null;
  // "+" and "-" fold to nothing, so look them up before folding.
  return WORDS.get(text) ?? WORDS.get(foldPhrase(text)) ?? null;
}
