import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../../domain/categories.ts';
import { readVocabulary, VOCABULARY_DIR } from '../../../etl/classify/vocabulary.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vitrina-vocab-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function vocabularyWith(file: string, text: string): string {
  const dir = fs.mkdtempSync(path.join(tmp, 'v-'));
  for (const f of fs.readdirSync(VOCABULARY_DIR)) fs.copyFileSync(path.join(VOCABULARY_DIR, f), path.join(dir, f));
  fs.writeFileSync(path.join(dir, file), text);
  return dir;
}

describe('the vocabulary files', () => {
  it('give every category except unspecified its own terms, folded as text is', () => {
    const v = readVocabulary();
    for (const c of CATEGORIES.filter((x) => x !== 'unspecified')) {
      expect(v.topics.some((r) => r.category === c), c).toBe(true);
    }
    expect(v.topics.find((r) => r.term === 'ұрлық*')?.parts).toEqual([{ key: 'урлык', prefix: true }]);
  });

  it('name the file and line of a bad weight', () => {
    const dir = vocabularyWith('theft.tsv', 'кража\t1\tru\nугон\tмного\tru\n');
    expect(() => readVocabulary(dir)).toThrow(/theft\.tsv:2: weight must be a number in \(0, 1\], found "много"/);
  });

  it('change the digest (and so the classifier version) when a term is added', () => {
    const dir = vocabularyWith('theft.tsv', `${fs.readFileSync(path.join(VOCABULARY_DIR, 'theft.tsv'), 'utf8')}спёр*\t1\tru\n`);
    const changed = readVocabulary(dir);
    expect(changed.digest).not.toBe(readVocabulary().digest);
    expect(changed.topics.some((r) => r.term === 'спёр*' && r.parts[0]?.key === 'спер')).toBe(true);
  });
});
