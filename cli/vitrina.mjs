#!/usr/bin/env node
// The CLI runs from its build (cli/bundle.mjs: made from the TypeScript sources on first use and
// whenever one changes). Should the build fail, it runs straight from the sources through tsx's
// loader, which reports the same error a build would have met where the code is reached.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBundle } from './bundle.mjs';

// `vitrina export | head` closes the pipe early: that is the reader's choice, not a failure.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

async function loadMain() {
  const dir = await ensureBundle().catch(() => null);
  if (dir) {
    // Stack traces name the TypeScript files and lines, through the build's source maps.
    process.setSourceMapsEnabled(true);
    return import(pathToFileURL(path.join(dir, 'cli', 'main.js')).href);
  }
  const { register } = await import('tsx/esm/api');
  register();
  return import('./main.ts');
}

const { main } = await loadMain();
process.exitCode = await main(process.argv.slice(2));
