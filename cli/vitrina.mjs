#!/usr/bin/env node
// The CLI runs straight from TypeScript sources (no build step): tsx registers its loader first.
import { register } from 'tsx/esm/api';

register();
// `vitrina export | head` closes the pipe early: that is the reader's choice, not a failure.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
