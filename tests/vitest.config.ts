import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export default defineConfig({
  root,
  test: {
    include: ['tests/**/*.test.ts'],
    // One migrated database per run; every suite's fresh database is a copy of it.
    globalSetup: ['tests/helpers/template-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: each worker may hold an embedded database and a child CLI process.
    maxWorkers: 2,
  },
});
