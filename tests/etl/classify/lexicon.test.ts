import { describe, expect, it } from 'vitest';
import { withinOneEdit } from '../../../etl/classify/lexicon.ts';

describe('withinOneEdit', () => {
  it('accepts one wrong, missing, extra or swapped letter', () => {
    expect(withinOneEdit('кража', 'кража')).toBe(true);
    expect(withinOneEdit('крожа', 'кража')).toBe(true);
    expect(withinOneEdit('кржж', 'кража')).toBe(false);
    expect(withinOneEdit('кржа', 'кража')).toBe(true);
    expect(withinOneEdit('краажа', 'кража')).toBe(true);
    expect(withinOneEdit('каржа', 'кража')).toBe(true);
  });

  it('rejects two edits, even when both words share a one-letter deletion', () => {
    expect(withinOneEdit('пробл', 'побил')).toBe(false);
    expect(withinOneEdit('кжраа', 'кража')).toBe(false);
    expect(withinOneEdit('кр', 'кража')).toBe(false);
  });
});
