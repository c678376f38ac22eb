import path from 'node:path';
import { parseArgs } from 'node:util';
import { addDays, almatyToday, isCalendarDate } from '../../domain/calendar.ts';
import { defaultEndDate } from '../../etl/demo/generate-visits.ts';
import { writeDemo, type DemoFile } from '../../etl/demo/write-demo.ts';
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
  const endDate = checkPeriod(values.end ?? defaultEndDate(), days);
  const result = await writeDemo({ outDir: path.resolve(values.out), days, endDate, seed });
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

/** The ETL refuses visits before 2018 or in the future (out_of_range), so the demo never writes them. */
function checkPeriod(end: string, days: number): string {
  if (!isCalendarDate(end)) throw new UsageError(`--end expects a date YYYY-MM-DD, found "${end}"`);
  if (end > almatyToday()) throw new UsageError(`--end ${end} is in the future; demo visits must have happened`);
  const first = addDays(end, -(days - 1));
  if (first < '2018-01-01') throw new UsageError(`${days} days to ${end} start on ${first}; the demo must start on or after 2018-01-01`);
  return end;
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
