/**
 * `npm run bench [-- NAME...]`: runs the benchmarks (all by default) and writes their figures to
 * bench/out/results.md. Figures are ratios against a baseline measured in the same run.
 */
import fs from 'node:fs';
import path from 'node:path';

interface BenchResult {
  name: string;
  lines: string[];
}

const BENCHES: Record<string, () => Promise<BenchResult>> = {
  classify: async () => (await import('./classify.ts')).benchClassify(),
  ingest: async () => (await import('./ingest.ts')).benchIngest(),
  compliance: async () => (await import('./compliance.ts')).benchCompliance(),
  server: async () => (await import('./server.ts')).benchServer(),
  web: async () => (await import('./web.ts')).benchWeb(),
  load: async () => (await import('./load.ts')).benchLoad(),
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
// `load` runs only when named: it needs the demo year loaded and a few minutes of a quiet machine.
const names = wanted.length ? wanted : Object.keys(BENCHES).filter((n) => n !== 'load');
const unknown = names.filter((n) => !BENCHES[n]);
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`);
  process.exit(2);
}

const out: string[] = [`# Vitrina benchmarks, ${new Date().toISOString()}`, ''];
let failed = false;
for (const name of names) {
  console.log(`\n== ${name}`);
  try {
    const result = await BENCHES[name]!();
    for (const line of result.lines) console.log(line);
    out.push(`## ${result.name}`, '', ...result.lines, '');
  } catch (err) {
    failed = true;
    console.error(`${name} failed: ${(err as Error).stack ?? String(err)}`);
    out.push(`## ${name}`, '', `failed: ${(err as Error).message}`, '');
  }
}
const file = path.join('bench', 'out', 'results.md');
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, `${out.join('\n')}\n`);
console.log(`\nwritten ${file}`);
process.exitCode = failed ? 1 : 0;
