import cliProgress from 'cli-progress';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CATEGORY_LABELS } from '../../domain/categories.ts';
import { classifierVersion, createTopicClassifier } from '../../etl/classify/classify-topic.ts';
import { readModel } from '../../etl/classify/ngram-model.ts';
import { reclassifyVisits, type ReclassifyReport } from '../../etl/classify/reclassify.ts';
import { UsageError, writeLine, type CliIo } from '../io.ts';
import { withDatabase } from '../with-database.ts';

export const summary = 're-run the current topic classifier over stored visits and report what moved';

/** vitrina reclassify [--batch N] [--model FILE] [--json] */
export async function run(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      batch: { type: 'string', default: '5000' }, json: { type: 'boolean', default: false }, model: { type: 'string' },
    },
  });
  // --model FILE: apply a model other than the shipped one (what `vitrina retrain --out FILE` wrote).
  const model = values.model === undefined ? undefined : readModel(path.resolve(values.model));
  if (model === null) throw new UsageError(`--model: no file ${values.model}`);
  const batchSize = Number(values.batch);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 1_000_000) {
    throw new UsageError(`--batch must be a whole number from 1 to 1000000, found "${values.batch}"`);
  }
  // The bar goes to stderr and only on a terminal, so stdout stays the report alone.
  const bar = io.interactive && !values.json
    ? new cliProgress.SingleBar({ stream: io.stderr, format: 'reclassify [{bar}] {value}/{total} visits', hideCursor: true },
      cliProgress.Presets.shades_classic)
    : null;
  let started = false;
  const report = await withDatabase('vitrina reclassify', (handle) => reclassifyVisits(handle, {
    batchSize,
    ...(model ? { classify: createTopicClassifier(model), version: classifierVersion(model) } : {}),
    onProgress: (checked, total) => {
      if (!bar) return;
      if (!started) bar.start(total, checked);
      started = true;
      bar.update(checked);
    },
  })).finally(() => { if (started) bar?.stop(); });
  if (values.json) writeLine(io.stdout, JSON.stringify(report));
  else for (const line of describe(report)) writeLine(io.stdout, line);
  return 0;
}

function describe(r: ReclassifyReport): string[] {
  if (r.checked === 0) return [`Every stored visit is already classified by ${r.version}.`];
  const lines = [`Classifier ${r.version}: checked ${r.checked} visits, ${r.changed} changed category.`];
  if (r.changed === 0) return lines;
  lines.push('', 'Moved (from → to):');
  for (const m of r.moves) {
    lines.push(`  ${String(m.visits).padStart(7)}  ${CATEGORY_LABELS[m.from].ru} → ${CATEGORY_LABELS[m.to].ru}  (${m.from} → ${m.to})`);
  }
  lines.push('', 'Changed visits by month of arrival (published numbers for these months moved):');
  for (const m of r.months) lines.push(`  ${m.month}  ${m.changed}`);
  return lines;
}
