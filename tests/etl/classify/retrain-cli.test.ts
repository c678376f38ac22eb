import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifierVersion, CLASSIFIER_VERSION } from '../../../etl/classify/classify-topic.ts';
import { correctVisitCategory } from '../../../sql/queries/category-corrections.ts';
import { readModel } from '../../../etl/classify/ngram-model.ts';
import { cliSession } from '../../helpers/cli.ts';
import { freshTarget } from '../../helpers/db.ts';
import { openWithTopicVisits } from '../../helpers/topic-visits.ts';

describe('vitrina retrain, then vitrina reclassify --model', () => {
  it('trains on the corpus and the database’s corrections, writes the model, and reclassify applies it', async () => {
    const target = await freshTarget();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vitrina-retrain-'));
    try {
      const { handle, visitIds } = await openWithTopicVisits(target, ['кумбез', 'угон машины'], CLASSIFIER_VERSION);
      await correctVisitCategory(handle, Number(visitIds[0]), 'weapons', 'dept', 'form name');
      // The commands borrow the test's open database instead of opening it from disk each time.
      const cli = await cliSession(target.env, handle);
      const runCli = (args: string[]) => cli.run(args);

      const out = path.join(dir, 'topics.model');
      const trained = await runCli(['retrain', '--out', out, '--json']);
      expect(trained.stderr).toBe('');
      expect(trained.code).toBe(0);
      const report = JSON.parse(trained.stdout) as { version: string; corrections: number; texts: number; model: string };
      expect(report.corrections).toBe(1);
      expect(report.texts).toBeGreaterThan(3000);
      expect(report.model).toBe(out);
      const model = readModel(out);
      if (!model) throw new Error('no model written');
      expect(report.version).toBe(classifierVersion(model));
      expect(fs.readFileSync(path.join(dir, 'corpus.tsv'), 'utf8').split('\n')[0]).toBe('text\texpected\tlanguage\tgroup');

      // The corrected visit is left alone; the other one is classified by the new model.
      const applied = await runCli(['reclassify', '--json', '--model', out]);
      expect(applied.stderr).toBe('');
      expect(JSON.parse(applied.stdout)).toMatchObject({
        version: report.version, checked: 1, changed: 1, moves: [{ from: 'unspecified', to: 'theft', visits: 1 }],
      });
      expect((await runCli(['retrain', '--out', path.join(dir, 'no', 'such', 'x.model')])).code).toBe(2);
      expect((await runCli(['reclassify', '--model', path.join(dir, 'missing.model')])).code).toBe(2);
      await cli.close();
    } finally {
      await target.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000); // training takes ~10 s of CPU, several times that on a loaded shared machine
});
