import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { config } from '../../domain/config.ts';
import { resolveIinKey } from '../../etl/iin-key.ts';
import { createIngestTimings } from '../../etl/load/ingest-timings.ts';
import { contractReport } from '../../etl/model.ts';
import { ingestPaths } from '../../etl/pipeline.ts';
import { UsageError, writeLine, type CliIo } from '../io.ts';
import { createIngestProgress } from '../progress.ts';
import { withDatabase } from '../with-database.ts';
import { formatIngestReport } from '../format-report.ts';

export const summary = 'load visit logs and inspections: vitrina ingest PATH... [--json] [--progress]';

/** Exit 0 when every file loaded or was skipped; 1 when any was rejected or had quarantined rows. */
export async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean', default: false }, progress: { type: 'boolean', default: false } } });
  if (positionals.length === 0) throw new UsageError('name at least one file or folder to ingest');
  const missing = positionals.filter((p) => !fs.existsSync(p));
  if (missing.length > 0) throw new UsageError(`no such file or folder: ${missing.join(', ')}`);
  const iin = resolveIinKey(config);
  if (iin.generated && !values.json) {
    writeLine(io.stderr, `No VITRINA_IIN_KEY set: generated a visitor-hash key in ${iin.file} (keep it; it is not in the database).`);
  }
  const report = await withDatabase('vitrina ingest', async (handle) => {
    const progress = createIngestProgress(io, values.progress ? 'lines' : values.json ? 'off' : 'auto');
    // The benchmark's breakdown (bench/ingest.ts): stage times as one JSON line on stderr.
    const timings = process.env.VITRINA_INGEST_TIMINGS === '1' ? createIngestTimings() : undefined;
    try {
      return await ingestPaths(handle, positionals, { iinKey: iin.key, regions: config.regions, onProgress: progress.update, timings });
    } finally {
      progress.stop();
      if (timings) writeLine(io.stderr, `timings ${JSON.stringify(timings)}`);
    }
  });
  if (values.json) writeLine(io.stdout, JSON.stringify(contractReport(report)));
  else writeLine(io.stdout, formatIngestReport(report));
  const failed = report.files.some((f) => f.status === 'rejected' || f.rows_quarantined > 0);
  return failed ? 1 : 0;
}
