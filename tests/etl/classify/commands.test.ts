import { describe, expect, it } from 'vitest';
import { CLASSIFIER_VERSION } from '../../../etl/classify/classify-topic.ts';
import { cliSession, runCli } from '../../helpers/cli.ts';
import { freshTarget } from '../../helpers/db.ts';
import { openWithTopicVisits } from '../../helpers/topic-visits.ts';

describe('vitrina classify', () => {
  it('prints one JSON object per stdin line, exactly text, category and confidence', async () => {
    const r = await runCli(['classify'], {}, 'кражa телефона\r\n\nҰРЛЫҚ\nИИН 870412300123 мошенники\n');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => Object.keys(l))).toEqual(Array(4).fill(['text', 'category', 'confidence']));
    expect(lines.map((l) => [l.text, l.category])).toEqual([
      ['кражa телефона', 'theft'], ['', 'unspecified'], ['ҰРЛЫҚ', 'theft'], ['ИИН [IIN] мошенники', 'fraud'],
    ]);
    expect(r.stdout).not.toContain('870412300123');
  });

  it('--evaluate prints held-out accuracy per category and a confusion matrix', async () => {
    const r = await runCli(['classify', '--evaluate', 'tests/fixtures/topics/labeled.tsv'], {});
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/accuracy +\d+\.\d% \(\d+\/186\)/);
    expect(r.stdout).toMatch(/^ {2}unspecified +\d+\.\d%/m);
    expect(r.stdout).toContain('expected \\ got');
  });

  it('--evaluate of a missing file is an error that names it', async () => {
    const r = await runCli(['classify', '--evaluate', 'no-such.tsv'], {});
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no-such.tsv');
  });
});

describe('vitrina reclassify', () => {
  it('reports checked and changed visits as JSON, then finds nothing left to do', async () => {
    const target = await freshTarget();
    try {
      const { handle } = await openWithTopicVisits(target, ['угон машины', 'ВНЖ'], 'topics-0.old');
      // The commands borrow the test's open database instead of opening it from disk each time.
      const cli = await cliSession(target.env, handle);
      const runCli = (args: string[]) => cli.run(args);

      const first = await runCli(['reclassify', '--json', '--batch', '1']);
      expect(first.stderr).toBe('');
      expect(JSON.parse(first.stdout)).toEqual({
        version: CLASSIFIER_VERSION, checked: 2, changed: 2,
        moves: [{ from: 'unspecified', to: 'migration', visits: 1 }, { from: 'unspecified', to: 'theft', visits: 1 }],
        months: [{ month: '2019-03', changed: 2 }],
      });
      const again = await runCli(['reclassify']);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain(`already classified by ${CLASSIFIER_VERSION}`);
      expect((await runCli(['reclassify', '--batch', '0'])).code).toBe(2);
      await cli.close();
    } finally {
      await target.drop();
    }
  }, 120_000);
});
