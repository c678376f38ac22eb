import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../../domain/categories.ts';
import { classifyTopic } from '../../../etl/classify/classify-topic.ts';
import { evaluate, formatEvaluation } from '../../../etl/classify/evaluate.ts';
import { readLabeledSet } from '../../../etl/classify/labeled-set.ts';
import { ROOT } from '../../helpers/cli.ts';

const LABELED = path.join(ROOT, 'tests/fixtures/topics/labeled.tsv');
const BLIND = path.join(ROOT, 'tests/fixtures/topics/blind.tsv');
const rows = readLabeledSet(LABELED);

describe('the labeled set (issue 3)', () => {
  it('has at least 450 texts, every category at least 20 times, about 35 % held out', () => {
    expect(rows.length).toBeGreaterThanOrEqual(450);
    for (const c of CATEGORIES) expect(rows.filter((r) => r.expected === c).length, c).toBeGreaterThanOrEqual(20);
    const holdout = rows.filter((r) => r.split === 'holdout').length / rows.length;
    expect(holdout).toBeGreaterThan(0.3);
    expect(holdout).toBeLessThan(0.4);
  });

  it('is about 60 % Russian, 25 % Kazakh, 15 % English', () => {
    const share = (lang: string): number => rows.filter((r) => r.language === lang).length / rows.length;
    expect(share('ru')).toBeCloseTo(0.6, 1);
    expect(share('kk')).toBeCloseTo(0.25, 1);
    expect(share('en')).toBeCloseTo(0.15, 1);
  });
});

describe('accuracy', () => {
  it('is at least 92 % on the held-out part and at least 80 % in every category', () => {
    const e = evaluate(rows.filter((r) => r.split === 'holdout'), classifyTopic);
    const report = formatEvaluation(e).join('\n');
    expect(e.accuracy, report).toBeGreaterThanOrEqual(0.92);
    for (const s of e.perCategory) {
      expect(s.total, `${s.category} has held-out texts`).toBeGreaterThan(0);
      expect(s.accuracy ?? 0, `${s.category}\n${report}`).toBeGreaterThanOrEqual(0.8);
    }
  });

  it('stays at least 92 % on the set written after the vocabulary (blind.tsv)', () => {
    const e = evaluate(readLabeledSet(BLIND), classifyTopic);
    expect(e.accuracy, formatEvaluation(e).join('\n')).toBeGreaterThanOrEqual(0.92);
  });
});
