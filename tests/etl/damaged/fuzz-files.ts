import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { createRng, type Rng } from '../../../etl/demo/prng.ts';
import { arrowFileBytes, arrowStreamBytes, arrowWithRawTimes, csvBytes, jsonlBytes, visitRows, xlsxBytes, type VisitRow } from './make-files.ts';

/** Damaged copies of valid files in every format, the same for the same seed (issue 16's fuzz set). */
export const SEED = 20261207;
const PER_BASE = 30;

type Mutation = (bytes: Buffer, rng: Rng) => Buffer;

const truncate: Mutation = (b, rng) => b.subarray(0, rng.int(1, Math.max(1, b.length - 1)));
const duplicateBlock: Mutation = (b, rng) => {
  const from = rng.int(0, b.length - 1);
  const to = Math.min(b.length, from + rng.int(1, 512));
  const at = rng.int(0, b.length);
  return Buffer.concat([b.subarray(0, at), b.subarray(from, to), b.subarray(at)]);
};
const flipBits: Mutation = (b, rng) => {
  const out = Buffer.from(b);
  for (let k = rng.int(1, 8); k > 0; k--) {
    const at = rng.int(0, out.length - 1);
    out[at] = (out[at] ?? 0) ^ (1 << rng.int(0, 7));
  }
  return out;
};
const insertNuls: Mutation = (b, rng) => {
  const out = [b];
  for (let k = rng.int(1, 5); k > 0; k--) {
    const at = rng.int(0, out[out.length - 1]!.length);
    const last = out.pop()!;
    out.push(last.subarray(0, at), Buffer.from([0]), last.subarray(at));
  }
  return Buffer.concat(out);
};
/** A digit run made enormous: times, tickets and serials blown up. */
const hugeValue: Mutation = (b, rng) => {
  const text = b.toString('latin1');
  const digits = [...text.matchAll(/\d{2,}/g)];
  if (!digits.length) return Buffer.concat([b, Buffer.from('9'.repeat(400))]);
  const hit = rng.pick(digits);
  const at = hit.index ?? 0;
  return Buffer.concat([b.subarray(0, at), Buffer.from('9'.repeat(rng.int(20, 400))), b.subarray(at + hit[0].length)]);
};
/** UTF-8 text re-encoded as UTF-16 without a BOM, or as Windows-1251 read back as if UTF-8 (mojibake). */
const wrongEncoding: Mutation = (b, rng) => (rng.chance(0.5)
  ? Buffer.from(b.toString('utf8'), 'utf16le')
  : iconv.encode(iconv.decode(b, 'win1251'), 'utf8'));

const MUTATIONS: readonly [string, Mutation][] = [
  ['cut', truncate], ['dup', duplicateBlock], ['flip', flipBits], ['nul', insertNuls], ['huge', hugeValue], ['enc', wrongEncoding],
];

interface Base { name: string; bytes: Buffer }

async function bases(): Promise<Base[]> {
  const rows = (seed: number): VisitRow[] => visitRows(12, seed);
  return [
    { name: 'csv', bytes: csvBytes(rows(1)) },
    { name: 'csv1251', bytes: iconv.encode(csvBytes(rows(2)).toString('utf8'), 'win1251') },
    { name: 'jsonl', bytes: jsonlBytes(rows(3)) },
    { name: 'xlsx', bytes: await xlsxBytes(rows(4)) },
    { name: 'arrows', bytes: arrowStreamBytes(rows(5), 4) },
    { name: 'arrow', bytes: arrowFileBytes(rows(6)) },
    { name: 'arrowtimes', bytes: arrowWithRawTimes(rows(7), [2n ** 62n, 9_000_000_000_000_000n], 'ms') },
  ];
}


/** Writes the damaged files into dir; returns their paths in order. */
export async function writeFuzzFiles(dir: string, seed = SEED): Promise<string[]> {
  const written: string[] = [];
    const rng = createRng(seed);
    for (const base of await bases()) {
      for (let k = 0; k < PER_BASE; k++) {
        const [label, mutate] = MUTATIONS[k % MUTATIONS.length]!;
        // Some files get two kinds of damage at once.
        let bytes = mutate(base.bytes, rng);
        if (rng.chance(0.25)) bytes = rng.pick(MUTATIONS)[1](bytes, rng);
        // The office is in the name, as the offices send them; SRK is Сарканский РОП.
        const file = path.join(dir, `SRK_${base.name}_${String(k).padStart(2, '0')}_${label}.${base.name.replace(/\d+$/, '').replace('arrowtimes', 'arrows')}`);
        fs.writeFileSync(file, bytes);
        written.push(file);
      }
    }
  return written;
}
