import { sql } from 'kysely';
import type { Category } from '../../domain/categories.ts';
import type { DatabaseHandle } from '../../sql/db.ts';
import { shiftCategoryRollups } from '../../sql/rollups.ts';
import { classifyTopic, CLASSIFIER_VERSION, type TopicResult } from './classify-topic.ts';
import { MANUAL_VERSION } from '../../sql/queries/category-corrections.ts';

export interface CategoryMove {
  from: Category;
  to: Category;
  visits: number;
}

/** What a reclassification changed, so the press service knows which published numbers moved. */
export interface ReclassifyReport {
  version: string;
  /** Visits whose stored classifier_version differed and were classified again. */
  checked: number;
  /** Of those, visits whose category changed. */
  changed: number;
  /** Largest moves first. */
  moves: CategoryMove[];
  /** Changed visits by Almaty calendar month of arrival ('YYYY-MM'), oldest first. */
  months: Array<{ month: string; changed: number }>;
}

export interface ReclassifyOptions {
  batchSize?: number;
  version?: string;
  classify?: (text: string, service?: string | null) => TopicResult;
  /** Called after each committed batch. */
  onProgress?: (checked: number, total: number) => void;
}

/**
 * Re-runs the classifier over stored visits whose classifier_version differs (never over a category
 * a person set, MANUAL_VERSION), in id order, one
 * transaction per batch: the batch's changed visits leave their old category in visit_hourly, get
 * the new one, and come back under it, so the rollups stay equal to the visits at every commit.
 */
export async function reclassifyVisits(handle: DatabaseHandle, options: ReclassifyOptions = {}): Promise<ReclassifyReport> {
  const version = options.version ?? CLASSIFIER_VERSION;
  const classify = options.classify ?? classifyTopic;
  const batchSize = options.batchSize ?? 5000;
  const { total } = await handle.db.selectFrom('visits').select((eb) => eb.fn.countAll<number>().as('total'))
    .where('classifier_version', '<>', version).where('classifier_version', '<>', MANUAL_VERSION).executeTakeFirstOrThrow();
  const moves = new Map<string, CategoryMove>();
  const months = new Map<string, number>();
  let checked = 0;
  let changed = 0;
  let afterId = '0';
  for (;;) {
    const done = await handle.transaction(async (tx) => {
      const rows = await tx.selectFrom('visits')
        .select(['id', 'topic_text', 'service', 'category', 'arrival_date'])
        .where('classifier_version', '<>', version).where('classifier_version', '<>', MANUAL_VERSION).where('id', '>', afterId)
        .orderBy('id').limit(batchSize).forUpdate().execute();
      if (rows.length === 0) return true;
      const ids: string[] = [];
      const categories: string[] = [];
      const confidences: number[] = [];
      const movedIds: string[] = [];
      for (const row of rows) {
        const result = classify(row.topic_text, row.service);
        ids.push(String(row.id));
        categories.push(result.category);
        confidences.push(result.confidence);
        if (result.category === row.category) continue;
        movedIds.push(String(row.id));
        const key = `${row.category}>${result.category}`;
        const move = moves.get(key) ?? { from: row.category, to: result.category, visits: 0 };
        move.visits += 1;
        moves.set(key, move);
        const month = row.arrival_date.slice(0, 7);
        months.set(month, (months.get(month) ?? 0) + 1);
      }
      if (movedIds.length) await shiftCategoryRollups(tx, movedIds, -1);
      await sql`
        update visits as v set category = u.category, category_confidence = u.confidence, classifier_version = ${version}
        from unnest(${ids}::bigint[], ${categories}::text[], ${confidences}::real[]) as u (id, category, confidence)
        where v.id = u.id`.execute(tx);
      if (movedIds.length) {
        await shiftCategoryRollups(tx, movedIds, 1);
        // A run row per batch that moved visits changes the data version (sql/queries/data-version.ts) as
        // it commits, so cached answers and rollup units are read again at once, not after a timeout.
        await tx.insertInto('runs').values({ command: 'reclassify', actor: 'cli', finished_at: new Date(), summary: JSON.stringify({ version, changed: movedIds.length }) }).execute();
      }
      checked += rows.length;
      changed += movedIds.length;
      afterId = ids[ids.length - 1] ?? afterId;
      return false;
    });
    if (done) break;
    options.onProgress?.(checked, Math.max(total, checked));
  }
  return {
    version,
    checked,
    changed,
    moves: [...moves.values()].sort((a, b) => b.visits - a.visits || a.from.localeCompare(b.from) || a.to.localeCompare(b.to)),
    months: [...months].sort(([a], [b]) => a.localeCompare(b)).map(([month, n]) => ({ month, changed: n })),
  };
}
