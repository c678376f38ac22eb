import { once } from 'node:events';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { classifyTopic, createCachedClassifier, CLASSIFIER_VERSION } from '../../etl/classify/classify-topic.ts';
import { evaluate, formatEvaluation } from '../../etl/classify/evaluate.ts';
import { readLabeledSet } from '../../etl/classify/labeled-set.ts';
import { scrubIin } from '../../etl/transform/scrub-iin.ts';
import { UsageError, writeLine, type CliIo } from '../io.ts';

export const summary = 'topic category of each stdin line as JSON Lines; --evaluate FILE scores a labeled set';

/**
 * vitrina classify [--service S] [--explain]: one topic text per stdin line → one JSON object per line
 * (data contract §5). vitrina classify --evaluate FILE [--all] [--json]: accuracy on the held-out rows.
 */
export async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      evaluate: { type: 'string' },
      all: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      service: { type: 'string' },
      explain: { type: 'boolean', default: false },
    },
  });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}" (texts are read from stdin)`);
  if (values.evaluate !== undefined) return runEvaluate(values.evaluate, values.all, values.json, io);
  await classifyLines(io, values.service ?? null, values.explain);
  return 0;
}

async function classifyLines(io: CliIo, service: string | null, explain: boolean): Promise<void> {
  const classify = createCachedClassifier();
  const lines = readline.createInterface({ input: io.stdin, crlfDelay: Infinity });
  // A reader that stops early (`| head`) closes the pipe: stop classifying, quietly, like other filters.
  let closed = false;
  io.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    closed = true;
    lines.close();
  });
  let out = '';
  for await (const raw of lines) {
    if (closed) break;
    // The text is echoed back, so a 12-digit personal number in it is masked like stored text.
    const text = scrubIin(raw);
    const r = classify(text, service);
    out += `${JSON.stringify(explain
      ? { text, category: r.category, confidence: r.confidence, terms: r.terms }
      : { text, category: r.category, confidence: r.confidence })}\n`;
    if (out.length >= 64 * 1024) {
      if (!io.stdout.write(out)) await once(io.stdout, 'drain').catch(() => { closed = true; });
      out = '';
    }
  }
  if (out && !closed) io.stdout.write(out);
}

function runEvaluate(file: string, all: boolean, json: boolean, io: CliIo): number {
  const rows = readLabeledSet(file).filter((r) => all || r.split === 'holdout');
  if (rows.length === 0) throw new UsageError(`${file} has no held-out rows (use --all to score every row)`);
  const e = evaluate(rows, classifyTopic);
  if (json) {
    writeLine(io.stdout, JSON.stringify({
      version: CLASSIFIER_VERSION, rows: e.total, correct: e.correct, accuracy: e.accuracy,
      categories: e.perCategory.filter((s) => s.total > 0), confusion: e.confusion,
      unspecifiedMeaningful: e.unspecifiedMeaningful, reliability: e.reliability,
      errors: e.errors.map(({ row, got }) => ({ line: row.line, text: row.text, expected: row.expected, got: got.category, terms: got.terms })),
    }));
    return 0;
  }
  writeLine(io.stdout, `Classifier ${CLASSIFIER_VERSION} on ${all ? 'all' : 'the held-out'} rows of ${file}`);
  for (const line of formatEvaluation(e)) writeLine(io.stdout, line);
  return 0;
}
