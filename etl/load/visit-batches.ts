import type { TopicResult } from '../classify/classify-topic.ts';
import type { RawRecord, ReadResult, VisitField } from '../model.ts';
import { recordGroups } from '../read/record-groups.ts';
import { createVisitNormalizer } from '../transform/normalize-visit.ts';
import type { OfficeResolver } from '../transform/resolve-office.ts';
import { scrubIin } from '../transform/scrub-iin.ts';
import { BatchProbe, type OfficeDays } from './batch-probe.ts';
import { CopyBufferPool } from './copy-buffers.ts';
import type { IngestTimings } from './ingest-timings.ts';
import type { QuarantineEntry } from './quarantine.ts';
import { newRollupBuffers, RollupWriter, type RollupBuffers, type RollupData } from './rollup-copy.ts';
import { createRollupDeltas, type VisitFacts } from './rollup-deltas.ts';
import { ExamplePicker, type ExampleFacts, type KnownExamples } from '../../sql/compliance/examples.ts';
import { writeVisitRow } from './stage-visits.ts';

/** Progress is told every 10,000 rows read: a few times a second, in every format, on either database. */
const PROGRESS_EVERY = 10_000;
/**
 * Rows parsed between turns of the event loop. Parsing is synchronous between records, so without
 * a turn the reply to the loader's probe or COPY of the previous batch would wait until the whole
 * next batch was parsed, and PostgreSQL would sit idle while Node parsed: the two took turns
 * instead of working side by side on the two cores. A batch takes four round trips (savepoint,
 * probe, COPY, release); at 512 rows a turn each waited ~7 ms, 1.5 s of a 1M-row load's probes
 * alone; at 64, ~1 ms, for ~16,000 turns that cost ~30 ms.
 */
const ROWS_PER_TURN = 64;
/**
 * The first batch is small, so the database starts writing after a few milliseconds of parsing
 * rather than a whole batch's (~0.1 s at 10,000 rows).
 */
const FIRST_BATCH_ROWS = 2_000;
/** Quarantined rows a batch carries at most (a file of junk lines is all quarantine). */
const QUARANTINE_FLUSH = 10_000;

/** What turning a visit file's rows into batches needs: the same whether it runs here or in a worker. */
export interface BatchOptions {
  resolver: OfficeResolver;
  fileOffice: string | null;
  now: Date;
  iinKey: string | null;
  classify: (text: string, service?: string | null) => TopicResult;
  classifierVersion: string;
  fileId: string;
  /** The file's path, as its examples name it. */
  filePath: string;
  /** Rows per batch, and batches between rollup deltas. */
  batching: { rows: number; rollupEvery: number };
  /** Filled with the Node stages' times when given (the benchmark's breakdown). */
  timings?: IngestTimings;
  progress(rowsRead: number): void;
}

/**
 * One batch of a file's visits as a binary COPY stream, and what the loader must know of it: what
 * its rows could collide with, the rows quarantined since the previous batch, and, every
 * `rollupEvery` batches and with the last, the rollup deltas summed so far. `release` hands the
 * rows' memory back once they are written, `releaseDeltas` the deltas' once they are.
 */
export interface ParsedBatch {
  copyData: Uint8Array<ArrayBuffer>;
  rows: number;
  ranges: OfficeDays[];
  repeatsItself: boolean;
  quarantined: QuarantineEntry[];
  deltas: RollupData | null;
  release(): void;
  releaseDeltas(): void;
}

/** What the whole file showed, known once its last batch is out. */
export interface ParsedFile {
  rowsRead: number;
  rowsNamingOffice: number;
  /** Per office, the first and last Almaty arrival day of its valid rows (the file's coverage). */
  coverage: OfficeDays[];
  /** Almaty months ('YYYY-MM') of the valid rows. */
  months: string[];
  /** The flag examples of each office and month among the valid rows (sql/compliance/examples.ts). */
  examples: KnownExamples;
  nulsRemoved: number;
}

/**
 * The per-row work of a visit load — normalize and validate, pseudonymize the IIN, classify the
 * topic, sum the rollups, write the COPY row — as a stream of batches. The loader (ingest-visits.ts)
 * writes them; it can run this in the same thread or in a worker (visit-worker.ts).
 */
export function parseVisitBatches(read: ReadResult<VisitField>, opts: BatchOptions): { batches: AsyncGenerator<ParsedBatch>; summary(): ParsedFile } {
  const timings = opts.timings;
  const hashTime = timings ? { ms: 0 } : undefined;
  const normalize = createVisitNormalizer({
    resolver: opts.resolver, fileOffice: opts.fileOffice, now: opts.now, iinKey: opts.iinKey, hashTime,
  });
  const buffers = new CopyBufferPool();
  const rollupBuffers: RollupBuffers[] = [];
  const fileId = Number(opts.fileId);
  const coverage = new BatchProbe();
  const examples = new ExamplePicker();
  const months = new Set<string>();
  let rowsRead = 0;
  let rowsNamingOffice = 0;
  let done = false;

  async function* batches(): AsyncGenerator<ParsedBatch> {
    const groups: AsyncIterator<RawRecord<VisitField>[]> = recordGroups(read);
    let quarantined: QuarantineEntry[] = [];
    // Rollups are summed here as rows are parsed, a batch at a time, and written into the window's
    // streams at its cut; the loader takes back out the duplicates it turns away.
    const deltas = createRollupDeltas();
    let window: { writer: RollupWriter; buffers: RollupBuffers } | null = null;
    let batchesOut = 0;
    let data = buffers.take();
    data.beginBinary();
    let probe = new BatchProbe();
    let rows = 0;
    let lastOffice = '';
    let lastDay = '';
    let clock = timings ? performance.now() : 0;
    // Each stage's time is the clock's advance since the previous stage ended.
    const lap = (stage: 'parse' | 'validate' | 'classify' | 'format' | 'rollups') => {
      if (!timings) return;
      const now = performance.now();
      timings[stage] += now - clock;
      clock = now;
    };
    const cut = (last: boolean): ParsedBatch => {
      const buffer = data;
      buffer.endBinary();
      batchesOut++;
      if (!window) {
        const set = rollupBuffers.pop() ?? newRollupBuffers();
        window = { writer: new RollupWriter(set), buffers: set };
      }
      window.writer.add(deltas);
      deltas.clear();
      const ended = last || batchesOut % opts.batching.rollupEvery === 0 ? window : null;
      if (ended) window = null;
      const batch: ParsedBatch = {
        copyData: buffer.view(), rows, ranges: probe.ranges(), repeatsItself: probe.repeatsItself, quarantined,
        deltas: ended ? ended.writer.finish() : null,
        release: () => buffers.give(buffer),
        releaseDeltas: () => { if (ended) rollupBuffers.push(ended.buffers); },
      };
      quarantined = [];
      data = buffers.take();
      data.beginBinary();
      probe = new BatchProbe();
      rows = 0;
      return batch;
    };
    for (;;) {
      if (timings) clock = performance.now();
      const next = await groups.next();
      lap('parse');
      if (next.done) break;
      for (const rec of next.value) {
        rowsRead++;
        if (rowsRead % PROGRESS_EVERY === 0) opts.progress(rowsRead);
        if (rowsRead % ROWS_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
        const office = rec.values?.office;
        if (office !== undefined && office !== null && office !== '') rowsNamingOffice++;
        const result = normalize(rec);
        lap('validate');
        if (!result.ok) {
          quarantined.push({ line: rec.line, sheet: rec.sheet, reason: result.reason, detail: result.detail, raw: scrubIin(rec.raw) });
          // A batch also ends when its quarantine is full: a file of junk lines with a valid row now
          // and then must not hold all its junk in memory (the next batch may then merge, not copy).
          if (quarantined.length >= QUARANTINE_FLUSH) yield cut(false);
          continue;
        }
        const v = result.visit;
        // Rows come day by day: the file's months and coverage change only where the office's day does.
        const sameDay = v.arrival_date === lastDay && v.office_code === lastOffice;
        if (!sameDay) {
          months.add(v.arrival_date.slice(0, 7));
          coverage.addDay(v.office_code, v.arrival_date);
        }
        const c = opts.classify(v.topic_text, v.service);
        lap('classify');
        // One record of the row's facts serves the rollups and the flag examples.
        const facts: VisitFacts & ExampleFacts = {
          office: v.office_code, day: v.arrival_date, arrivedMs: v.arrived_at, category: c.category,
          admittedMs: v.admitted_at, startedMs: v.started_at, finishedMs: v.finished_at, statement: v.outcome === 'statement_accepted',
          phone: v.phone_surrendered, questioned: v.checkpoint_questioned,
          visitRef: v.visit_ref, line: v.source_line, sheet: v.source_sheet,
        };
        // A full batch ends where an office's day ends, so that the next batch of a file sorted by
        // time shares no day with it and can go straight in (BatchProbe); never later than twice full.
        const full = batchesOut === 0 ? Math.min(FIRST_BATCH_ROWS, opts.batching.rows) : opts.batching.rows;
        if (rows >= full && (!sameDay || rows >= 2 * full)) {
          yield cut(false);
          if (timings) clock = performance.now();
        }
        // Summed after the cut: a batch's deltas hold its own rows' days only, whose day rows are
        // then new to the rollup tables when the batch went straight in (write-rollup-deltas.ts).
        deltas.add(facts, 1);
        examples.add(facts.office, facts.day, facts);
        lap('rollups');
        lastOffice = v.office_code;
        lastDay = v.arrival_date;
        probe.add(v.office_code, v.arrival_date, v.visit_key);
        writeVisitRow(data, v, c, opts.classifierVersion, fileId);
        rows++;
        lap('format');
      }
    }
    // The last batch carries the remaining rows, quarantine and deltas, even when it holds no row.
    yield cut(true);
    opts.progress(rowsRead);
    if (hashTime && timings) {
      // Hashing happens inside validation; the stages are reported apart.
      timings.hash += hashTime.ms;
      timings.validate -= hashTime.ms;
    }
    done = true;
  }

  return {
    batches: batches(),
    summary() {
      if (!done) throw new Error('parseVisitBatches: summary asked before the last batch');
      return {
        rowsRead, rowsNamingOffice, coverage: coverage.ranges(), months: [...months], nulsRemoved: read.repairs.nulsRemoved,
        examples: examples.result(opts.filePath),
      };
    },
  };
}
