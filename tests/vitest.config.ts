import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { LongestFirstSequencer } from './helpers/longest-first.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The browser journeys and the demo-scale suites, kept apart from the fast default set so a change
 * can be checked quickly with `npm test -- --project fast`. Plain `npm test` (and .ci/run) runs both.
 */
const SLOW = ['tests/e2e/**/*.test.ts', 'tests/etl/pipeline/kill-mid-file.test.ts'];

export default defineConfig({
  root,
  test: {
    // One migrated database per run; every suite's fresh database is a copy of it.
    globalSetup: ['tests/helpers/template-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: each worker may hold an embedded database and a child CLI process.
    maxWorkers: 2,
    // A worker keeps its loaded modules from one test file to the next instead of importing them all
    // again (tsx-transformed sources, PGlite, exceljs, kysely): the imports cost ~36 s of a PGlite run's
    // 164 s. Suites hold no state in modules between files: the server clock, fake timers and test
    // databases are reset or closed in each file's afterAll.
    isolate: false,
    sequence: { sequencer: LongestFirstSequencer },
    projects: [
      { extends: true, test: { name: 'fast', include: ['tests/**/*.test.ts'], exclude: SLOW } },
      { extends: true, test: { name: 'slow', include: SLOW } },
    ],
  },
});
