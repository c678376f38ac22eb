import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { classifierVersion } from '../../etl/classify/classify-topic.ts';
import { corpusTsv, generateCorpus } from '../../etl/classify/corpus/generate.ts';
import { correctionTrainingTexts } from '../../sql/queries/category-corrections.ts';
import { formatReliability } from '../../etl/classify/evaluate.ts';
import { MODEL_FILE } from '../../etl/classify/ngram-model.ts';
import { trainModel, type TrainingText } from '../../etl/classify/train.ts';
import { UsageError, writeLine, type CliIo } from '../io.ts';
import { withDatabase } from '../with-database.ts';

export const summary = 'train the topic model on the corpus and the categories corrected by hand';

/**
 * vitrina retrain [--out FILE] [--no-corrections] [--json]: generates the corpus (etl/classify/corpus),
 * adds the visits the department corrected (from the database), trains, calibrates and writes the
 * model (default etl/classify/model/topics.model) with the corpus beside it as corpus.tsv. Run
 * `vitrina reclassify` afterwards to apply it to the stored visits.
 */
export async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      'no-corrections': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const out = path.resolve(values.out ?? MODEL_FILE);
  if (!fs.existsSync(path.dirname(out))) throw new UsageError(`--out: folder ${path.dirname(out)} does not exist`);
  const corpus = generateCorpus();
  const corrections: TrainingText[] = values['no-corrections']
    ? [] : await withDatabase('vitrina retrain', (handle) => correctionTrainingTexts(handle.db));
  const { model, bytes, report } = trainModel(corpus, corrections);
  fs.writeFileSync(out, bytes);
  fs.writeFileSync(path.join(path.dirname(out), 'corpus.tsv'), corpusTsv(corpus));
  const version = classifierVersion(model);
  if (values.json) {
    writeLine(io.stdout, JSON.stringify({ model: out, version, bytes: bytes.length, ...report }));
    return 0;
  }
  const languages = new Map<string, number>();
  for (const t of corpus) languages.set(t.language, (languages.get(t.language) ?? 0) + 1);
  writeLine(io.stdout, `Trained ${version} on ${report.texts} texts (${corpus.length} from the corpus: ${
    [...languages].map(([l, n]) => `${l} ${n}`).join(', ')}; ${report.corrections} corrected by hand).`);
  writeLine(io.stdout, `Wrote ${out} (${Math.round(bytes.length / 1024)} KB).`);
  writeLine(io.stdout, `Calibration split (${report.calibrationTexts} texts of phrases held out whole): accuracy ${
    (report.calibrationAccuracy * 100).toFixed(1)}%, temperature ${report.temperature}.`);
  writeLine(io.stdout, `Vocabulary paths, observed accuracy: ${Object.entries(report.vocabulary).map(([p, a]) => `${p} ${a}`).join(', ')}.`);
  writeLine(io.stdout, 'Reliability on the calibration split, before the final map of the confidence:');
  for (const line of formatReliability(report.reliabilityBeforeMap)) writeLine(io.stdout, line);
  writeLine(io.stdout, `Final isotonic map (from → reported): ${report.isotonic.map(([from, to]) => `${from.toFixed(2)}→${to}`).join(', ')}.`);
  writeLine(io.stdout, 'Reliability on the calibration split with the map (fitted there, so calibrated by construction):');
  for (const line of formatReliability(report.reliability)) writeLine(io.stdout, line);
  writeLine(io.stdout, 'Next: vitrina reclassify');
  return 0;
}
