import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeDemo, type DemoFile } from '../../demo/write-demo.ts';
import { UsageError, writeLine, type CliIo } from '../io.ts';

export const summary = 'write realistic demo files for the 20 offices (never touches the database)';

/** vitrina demo [--days N] [--out DIR] [--seed N] [--end YYYY-MM-DD] [--json] */
export async function run(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      days: { type: 'string', default: '365' },
      out: { type: 'string', default: path.join('data', 'demo') },
      seed: { type: 'string' },
      end: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const days = positiveInteger('--days', values.days);
  const seed = values.seed === undefined ? undefined : positiveInteger('--seed', values.seed, 0);
  if (values.end !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.end)) {
    throw new UsageError(`--end expects a date YYYY-MM-DD, found "${values.end}"`);
  }
  const result = await writeDemo({ outDir: path.resolve(values.out), days, endDate: values.end, seed });
  const byFormat = countByFormat(result.details);
  if (values.json) {
    writeLine(io.stdout, JSON.stringify({
      out: path.resolve(values.out), days, end_date: result.endDate, files: result.files.length, visits: result.visits,
      formats: byFormat,
      planted: result.details.filter((d) => d.planted).map((d) => ({ path: d.path, reason: d.planted })),
    }));
    return 0;
  }
  writeLine(io.stdout, `Wrote ${result.files.length} files with ${result.visits} visits (${days} days to ${result.endDate}) to ${path.resolve(values.out)}:`);
  for (const [format, c] of Object.entries(byFormat)) {
    writeLine(io.stdout, `  ${format.padEnd(10)} ${String(c.files).padStart(4)} files ${String(c.visits).padStart(8)} visits`);
  }
  writeLine(io.stdout, `Load them with: npx vitrina ingest ${values.out}`);
  return 0;
}

function positiveInteger(name: string, text: string, min = 1): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || !Number.isSafeInteger(n)) throw new UsageError(`${name} expects a whole number ≥ ${min}, found "${text}"`);
  return n;
}

function countByFormat(details: readonly DemoFile[]): Record<string, { files: number; visits: number }> {
  const out: Record<string, { files: number; visits: number }> = {};
  for (const d of details) {
    const key = d.format === 'csv' ? `csv-${d.encoding}` : d.format;
    const c = (out[key] ??= { files: 0, visits: 0 });
    c.files += 1;
    c.visits += d.visits;
  }
  return out;
}
