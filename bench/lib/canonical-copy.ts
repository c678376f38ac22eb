import fs from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { readRegistry, registryOffices } from '../../sql/registry.ts';
import { createCachedClassifier, CLASSIFIER_VERSION } from '../../etl/classify/classify-topic.ts';
import { VISIT_COPY_COLUMNS, visitCopyLine } from '../../etl/load/stage-visits.ts';
import type { ReadResult, VisitField } from '../../etl/model.ts';
import { readFile } from '../../etl/read/read-file.ts';
import { createVisitNormalizer } from '../../etl/transform/normalize-visit.ts';
import { createOfficeResolver } from '../../etl/transform/resolve-office.ts';

/**
 * The baseline's input: the same rows already canonical (COPY text of visits), made once with
 * Vitrina's own stages so both sides load identical data.
 */
export async function writeCanonicalCopy(csv: string, out: string, iinKey: string): Promise<{ file: string; columns: string[] }> {
  const columns = [...VISIT_COPY_COLUMNS];
  if (fs.existsSync(out) && fs.statSync(out).size > 0) return { file: out, columns };
  const resolver = createOfficeResolver(registryOffices(readRegistry(['almaty-oblast'])));
  const normalize = createVisitNormalizer({ resolver, fileOffice: resolver.fromFileName(path.basename(csv)), now: new Date(), iinKey });
  const classify = createCachedClassifier();
  const read = (await readFile(csv)) as ReadResult<VisitField>;
  const stream = fs.createWriteStream(out);
  let buf = '';
  for await (const rec of read.records) {
    const r = normalize(rec);
    if (!r.ok) continue;
    const c = classify(r.visit.topic_text, r.visit.service);
    buf += visitCopyLine(r.visit, c, CLASSIFIER_VERSION, '1');
    if (buf.length > 1 << 20) {
      if (!stream.write(buf)) await once(stream, 'drain');
      buf = '';
    }
  }
  stream.end(buf);
  await once(stream, 'finish');
  return { file: out, columns };
}
