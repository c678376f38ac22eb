import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Runs the longest test files first, whichever project they belong to. Vitest's own order runs one
 * project after the other, so the browser journeys and the demo-scale ingest (the `slow` project,
 * 25–60 s each) started only when the fast set was done and ran on one core while the other idled.
 * Known costs come from vitest's cache of the last run; a fresh clone has none, so the slow project
 * goes first, then the larger files.
 */
export class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const cache = this.ctx.cache;
    const cost = (spec: TestSpecification): [number, number] => {
      const key = `${spec.project.name}:${path.relative(this.ctx.config.root, spec.moduleId)}`;
      const known = cache.getFileTestResults(key);
      const slowFirst = spec.project.name === 'slow' ? 1 : 0;
      return [known ? known.duration : slowFirst * 1e9, cache.getFileStats(key)?.size ?? 0];
    };
    const costs = new Map(files.map((f) => [f, cost(f)] as const));
    return [...files].sort((a, b) => {
      const [da, sa] = costs.get(a) ?? [0, 0];
      const [db, sb] = costs.get(b) ?? [0, 0];
      return db - da || sb - sa;
    });
  }
}
