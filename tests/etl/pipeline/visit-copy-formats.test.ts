import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TopicResult } from '../../../etl/classify/classify-topic.ts';
import { createRng } from '../../../etl/demo/prng.ts';
import { CopyBuffer } from '../../../etl/load/copy-buffers.ts';
import { fromArray } from '../../../etl/load/batches.ts';
import { VISIT_COPY_COLUMNS, visitCopyLine, writeVisitRow } from '../../../etl/load/stage-visits.ts';
import type { NormalizedVisit } from '../../../etl/model.ts';
import { freshDatabase, type TestDatabase } from '../../helpers/db.ts';

// The loader sends visits in binary COPY (writeVisitRow); visitCopyLine is the text form the
// benchmark's baseline loads. Both must store the same values, awkward ones included.
let db: TestDatabase;
beforeAll(async () => { db = await freshDatabase(); }, 120_000);
afterAll(async () => { await db?.close(); });

const TEXTS = ['', 'справка о несудимости', 'A-15 ұрлық', 'tab\there', 'line\nbreak\r\nand \\ backslash', 'ұрлық туралы арыз', '🚓 emoji', '\\N', '"quoted"; semi'];

function visits(n: number): { v: NormalizedVisit; c: TopicResult }[] {
  const rng = createRng(2026);
  const time = (base: number) => (rng.chance(0.3) ? null : base + rng.int(0, 7200) * 1000 + (rng.chance(0.2) ? rng.int(1, 999) : 0));
  return Array.from({ length: n }, (_, i) => {
    // 2018 to 2100, whole seconds and milliseconds.
    const arrived = Date.UTC(2018, 0, 1) + rng.int(0, 30_000) * 86_400_000 + rng.int(0, 86_399) * 1000;
    const day = new Date(arrived + 5 * 3_600_000).toISOString().slice(0, 10);
    const v: NormalizedVisit = {
      office_code: rng.pick(['SRK', 'ALM', 'KNV']), visit_key: `k${i}\u001f${rng.pick(TEXTS)}`, visit_ref: rng.chance(0.5) ? null : rng.pick(TEXTS),
      arrived_at: arrived, arrival_date: day, admitted_at: time(arrived), started_at: time(arrived), finished_at: time(arrived),
      topic_text: rng.pick(TEXTS), service: rng.chance(0.5) ? null : rng.pick(TEXTS), outcome: rng.pick([null, 'consultation', 'statement_accepted', 'referred', 'refused'] as const),
      outcome_text: rng.chance(0.5) ? null : rng.pick(TEXTS), visitor_hash: rng.chance(0.4) ? null : 'ab'.repeat(32),
      iin_status: rng.pick(['valid', 'invalid', 'absent'] as const), phone_surrendered: rng.pick([null, true, false]),
      checkpoint_questioned: rng.pick([null, true, false]), specialist_called_at: time(arrived), specialist_arrived_at: time(arrived),
      channel: rng.pick([null, 'walk_in', 'e_queue', 'appointment', 'duty_unit'] as const), source_line: rng.int(1, 2_000_000_000),
      source_sheet: rng.chance(0.7) ? null : rng.pick(TEXTS),
    };
    const c: TopicResult = { category: rng.pick(['documents', 'theft', 'unspecified'] as const), confidence: rng.pick([0, 1, 0.97, 1 / 3, 0.5]), terms: [] };
    return { v, c };
  });
}

describe('visits in binary COPY', () => {
  it('store exactly what the same visits store as COPY text', async () => {
    const rows = visits(400);
    const fileId = 9_007_199_254_740_991; // the largest id a number holds exactly
    await db.transaction(async (tx, copy) => {
      for (const t of ['as_text', 'as_binary']) {
        await sql`create temp table ${sql.table(t)} on commit drop as
          select ${sql.join(VISIT_COPY_COLUMNS.map((c) => sql.ref(c)))} from visits with no data`.execute(tx);
      }
      const text = rows.map(({ v, c }) => visitCopyLine(v, c, 'topics-x', String(fileId))).join('');
      expect(await copy('as_text', VISIT_COPY_COLUMNS, fromArray([text]))).toBe(rows.length);
      const binary = new CopyBuffer(64);
      binary.beginBinary();
      for (const { v, c } of rows) writeVisitRow(binary, v, c, 'topics-x', fileId);
      binary.endBinary();
      expect(await copy('as_binary', VISIT_COPY_COLUMNS, fromArray([binary.view()]), 'binary')).toBe(rows.length);
      const read = async (t: string) => (await sql`select * from ${sql.table(t)} order by visit_key`.execute(tx)).rows;
      const [a, b] = [await read('as_text'), await read('as_binary')];
      expect(a).toHaveLength(rows.length);
      expect(b).toEqual(a);
      // Not vacuous: the awkward values are there.
      expect(a.some((r) => (r as { topic_text: string }).topic_text.includes('\t'))).toBe(true);
      expect(a.some((r) => (r as { admitted_at: Date | null }).admitted_at === null)).toBe(true);
      expect(String((a[0] as { file_id: string | number }).file_id)).toBe(String(fileId));
    });
  });

  it('refuses a value the format cannot carry instead of writing it wrongly', () => {
    const out = new CopyBuffer(16);
    expect(() => out.int8(2 ** 53)).toThrow(RangeError);
    expect(() => out.date('0099-01-01')).toThrow(RangeError);
    expect(() => out.date('2024-1-1')).toThrow(RangeError);
  });
});
