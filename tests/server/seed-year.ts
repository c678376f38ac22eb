import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { CATEGORIES, type Category } from '../../domain/categories.ts';
import { addFileToRollups } from '../../sql/rollups.ts';
import type { Database } from '../../sql/schema.ts';

/**
 * A year of visits for every office with many small counts: offices from busy (≈5 a day) to nearly
 * silent (one visit every ten days), and categories from common to rare, so month × office ×
 * category cells of 1–4 are everywhere — the cells disclosure control must protect.
 * Loaded as one file and added to the rollups the way an ingest does. Returns the visit count.
 */
export async function seedYear(db: Kysely<Database>, opts: { year: number; offices: readonly string[]; seed?: number; from?: string; to?: string }): Promise<number> {
  let s = (opts.seed ?? 11) >>> 0;
  const rand = () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
  // Category weights: a few common topics and a long tail of rare ones.
  const weights = CATEGORIES.map((_, i) => 1 / (i + 1) ** 1.3);
  const wsum = weights.reduce((a, w) => a + w, 0);
  const pick = (): Category => {
    let r = rand() * wsum;
    for (const [i, w] of weights.entries()) { r -= w; if (r <= 0) return CATEGORIES[i] ?? 'consultation'; }
    return 'consultation';
  };
  const file = await db.insertInto('ingested_files').values({
    sha256: randomBytes(32).toString('hex'), path: '/srv/in/year.csv', bytes: 1, format: 'csv', status: 'loaded',
  }).returning('id').executeTakeFirstOrThrow();
  const from = opts.from ?? `${opts.year}-01-01`;
  const to = opts.to ?? `${opts.year + 1}-01-01`;
  const rows = [];
  for (const [oi, office] of opts.offices.entries()) {
    const rate = [5, 2, 1, 0.5, 0.25, 0.1][oi % 6] ?? 1;
    for (let t = Date.parse(`${from}T00:00:00Z`); t < Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
      const day = new Date(t).toISOString().slice(0, 10);
      // A Poisson-like count from the rate: sum of Bernoulli trials.
      let n = 0;
      for (let k = 0; k < Math.ceil(rate * 2); k++) if (rand() < rate / Math.ceil(rate * 2)) n++;
      for (let i = 0; i < n; i++) {
        const wall = `${day} ${String(9 + Math.floor(rand() * 9)).padStart(2, '0')}:${String(Math.floor(rand() * 60)).padStart(2, '0')}:00`;
        rows.push({
          office_code: office, visit_key: randomBytes(16).toString('hex'), visit_ref: `Y${rows.length + 1}`,
          arrived_at: sql<Date>`(${wall}::timestamp at time zone 'Asia/Almaty')`, arrival_date: day,
          topic_text: '', category: pick(), classifier_version: 'seed', iin_status: 'absent' as const,
          file_id: file.id, source_line: rows.length + 2,
        });
      }
    }
  }
  for (let i = 0; i < rows.length; i += 1000) await db.insertInto('visits').values(rows.slice(i, i + 1000)).execute();
  await addFileToRollups(db, file.id);
  return rows.length;
}
