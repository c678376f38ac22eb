#!/usr/bin/env node
// The CLI runs straight from TypeScript sources (no build step): tsx registers its loader first.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
