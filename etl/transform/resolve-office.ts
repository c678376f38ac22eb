import path from 'node:path';
import type { RegistryOffice } from '../../sql/registry.ts';
import { isFileNameNoise } from './file-name-noise.ts';
import { foldTokens } from './fold-text.ts';
import { officeKey, officeKeys } from './office-keys.ts';

export interface OfficeResolver {
  /** Office code for a name, code or alias as a row writes it; null when unknown or ambiguous. */
  resolve(name: string): string | null;
  /** Office code named in a file name ("Сарканский РОП январь 2019.csv"); null when none or several. */
  fromFileName(fileName: string): string | null;
}

const AMBIGUOUS = Symbol('ambiguous');
type IndexEntry = string | typeof AMBIGUOUS;
/** Longest run of words tried as one name ("Отеген батыр", "Еңбекші қазақ ауданы"). */
const MAX_RUN = 4;

/**
 * Builds the resolver for a registry (data contract §1). Every spelling of every office is indexed
 * by its folded key; a key two offices share (a common district centre such as "Алматы") resolves
 * to neither. Answers are cached per distinct input: a file repeats the same few names.
 */
export function createOfficeResolver(offices: readonly RegistryOffice[]): OfficeResolver {
  const index = new Map<string, IndexEntry>();
  for (const office of offices) {
    for (const key of officeKeys(office)) {
      const seen = index.get(key);
      index.set(key, seen === undefined || seen === office.code ? office.code : AMBIGUOUS);
    }
  }

  /** The one office named by some run of words; words that resolve to nothing are ignored. */
  function searchRuns(runs: readonly (readonly string[])[]): string | null {
    let found: string | null = null;
    for (const run of runs) {
      for (let i = 0; i < run.length; i++) {
        for (let len = 1; len <= MAX_RUN && i + len <= run.length; len++) {
          const hit = index.get(officeKey(run.slice(i, i + len)));
          if (typeof hit !== 'string') continue;
          if (found !== null && found !== hit) return null;
          found = hit;
        }
      }
    }
    return found;
  }

  function resolveUncached(name: string): string | null {
    const tokens = foldTokens(name);
    const key = officeKey(tokens);
    if (key === '') return null;
    const exact = index.get(key);
    if (exact !== undefined) return exact === AMBIGUOUS ? null : exact;
    // "РОП по Сарканскому району", "Алматинская обл., Сарканский РОП"
    return searchRuns([tokens]);
  }

  function fromFileNameUncached(fileName: string): string | null {
    let base = path.basename(fileName);
    while (/\.(csv|tsv|txt|xlsx|xls|jsonl|ndjson|json|arrow|ipc|feather|gz|zip)$/i.test(base)) {
      base = base.replace(/\.[^.]+$/, '');
    }
    // "SRK2019", "1кв" and "Q1" split where letters meet digits.
    const spaced = base.replace(/(\p{L})(\p{N})/gu, '$1 $2').replace(/(\p{N})(\p{L})/gu, '$1 $2');
    const runs: string[][] = [[]];
    for (const token of foldTokens(spaced)) {
      const alone = index.get(token);
      if (typeof alone !== 'string' && isFileNameNoise(token)) {
        if (runs[runs.length - 1]!.length > 0) runs.push([]);
      } else {
        runs[runs.length - 1]!.push(token);
      }
    }
    return searchRuns(runs);
  }

  const byName = new Map<string, string | null>();
  const byFile = new Map<string, string | null>();
  return {
    resolve(name) {
      let code = byName.get(name);
      if (code === undefined) {
        code = resolveUncached(name);
        byName.set(name, code);
      }
      return code;
    },
    fromFileName(fileName) {
      let code = byFile.get(fileName);
      if (code === undefined) {
        code = fromFileNameUncached(fileName);
        byFile.set(fileName, code);
      }
      return code;
    },
  };
}
