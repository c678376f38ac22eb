import { sql, type Kysely } from 'kysely';
import type { CopyChunk, CopyIn } from '../../sql/db.ts';
import type { Database } from '../../sql/schema.ts';
import type { TopicResult } from '../classify/classify-topic.ts';
import type { NormalizedVisit } from '../model.ts';
import type { CopyBuffer } from './copy-buffers.ts';
import { copyBool, copyNullableText, copyText, copyTime } from './copy-text.ts';
import { undoOnConflict } from './undo-on-conflict.ts';

/** The columns of a visit that its file's rows give (everything but id and file_id). */
export const STAGED_COLUMNS = [
  'office_code', 'visit_key', 'visit_ref', 'arrived_at', 'arrival_date', 'admitted_at', 'started_at',
  'finished_at', 'topic_text', 'category', 'category_confidence', 'classifier_version', 'service', 'outcome',
  'outcome_text', 'visitor_hash', 'iin_status', 'phone_surrendered', 'checkpoint_questioned',
  'specialist_called_at', 'specialist_arrived_at', 'channel', 'source_line', 'source_sheet',
] as const;

/** The columns of a COPY line (visitCopyLine): straight into visits, or into staging. */
export const VISIT_COPY_COLUMNS = [...STAGED_COLUMNS, 'file_id'] as const;

/**
 * A temporary table shaped like visits, dropped at commit. COPY cannot skip duplicates, so rows go
 * here first and the merge decides what is new.
 */
export async function createStagingTable(tx: Kysely<Database>): Promise<void> {
  await sql`create temp table stage_visits on commit drop as
    select ${sql.join(VISIT_COPY_COLUMNS.map((c) => sql.ref(c)))} from visits with no data`.execute(tx);
}

/** One visit as a line of COPY text, in VISIT_COPY_COLUMNS order. */
export function visitCopyLine(v: NormalizedVisit, c: TopicResult, classifierVersion: string, fileId: string): string {
  return `${copyText(v.office_code)}\t${copyText(v.visit_key)}\t${copyNullableText(v.visit_ref)}\t${copyTime(v.arrived_at)}\t`
    + `${v.arrival_date}\t${copyTime(v.admitted_at)}\t${copyTime(v.started_at)}\t${copyTime(v.finished_at)}\t`
    + `${copyText(v.topic_text)}\t${c.category}\t${c.confidence}\t${classifierVersion}\t`
    + `${copyNullableText(v.service)}\t${copyNullableText(v.outcome)}\t${copyNullableText(v.outcome_text)}\t`
    + `${copyNullableText(v.visitor_hash)}\t${v.iin_status}\t${copyBool(v.phone_surrendered)}\t`
    + `${copyBool(v.checkpoint_questioned)}\t${copyTime(v.specialist_called_at)}\t${copyTime(v.specialist_arrived_at)}\t`
    + `${copyNullableText(v.channel)}\t${v.source_line}\t${copyNullableText(v.source_sheet)}\t${fileId}\n`;
}

/**
 * One visit as a tuple of binary COPY, in VISIT_COPY_COLUMNS order and with visits' column types
 * (real, integer, bigint): the same values as visitCopyLine, which a test holds.
 */
export function writeVisitRow(out: CopyBuffer, v: NormalizedVisit, c: TopicResult, classifierVersion: string, fileId: number): void {
  out.row(VISIT_COPY_COLUMNS.length);
  out.repeatedText(v.office_code);
  out.text(v.visit_key);
  out.textOrNull(v.visit_ref);
  out.timestamp(v.arrived_at);
  out.date(v.arrival_date);
  out.timestamp(v.admitted_at);
  out.timestamp(v.started_at);
  out.timestamp(v.finished_at);
  out.text(v.topic_text);
  out.repeatedText(c.category);
  out.float4(c.confidence);
  out.repeatedText(classifierVersion);
  out.repeatedTextOrNull(v.service);
  out.repeatedTextOrNull(v.outcome);
  out.repeatedTextOrNull(v.outcome_text);
  out.textOrNull(v.visitor_hash);
  out.repeatedText(v.iin_status);
  out.bool(v.phone_surrendered);
  out.bool(v.checkpoint_questioned);
  out.timestamp(v.specialist_called_at);
  out.timestamp(v.specialist_arrived_at);
  out.repeatedTextOrNull(v.channel);
  out.int4(v.source_line);
  out.repeatedTextOrNull(v.source_sheet);
  out.int8(fileId);
}

/** Copies batches of binary COPY (see writeVisitRow) into stage_visits; returns how many rows were staged. */
export async function stageVisits(copy: CopyIn, chunks: AsyncIterable<CopyChunk>): Promise<number> {
  return copy('stage_visits', VISIT_COPY_COLUMNS, chunks, 'binary');
}

/**
 * Copies a batch that shares no identity with stored visits (see BatchProbe) straight into visits:
 * no staging, no merge. The unique index still decides: if a visit with one of the identities
 * arrived meanwhile (a concurrent load), the copy is undone to the savepoint and null is returned,
 * and the caller merges the batch instead.
 */
export async function copyNewVisits(tx: Kysely<Database>, copy: CopyIn, chunks: AsyncIterable<CopyChunk>): Promise<number | null> {
  // 23505: a unique violation.
  return undoOnConflict(tx, 'new_visits', ['23505'], () => copy('visits', VISIT_COPY_COLUMNS, chunks, 'binary'));
}

/** Empties staging between batches of one file. */
export async function clearStaging(tx: Kysely<Database>): Promise<void> {
  await sql`truncate stage_visits`.execute(tx);
}

/**
 * Moves staged rows into visits and returns how many it inserted. A row whose identity is already
 * stored, or appeared earlier in the same file (lower line), is a duplicate: ON CONFLICT DO NOTHING
 * keeps the first.
 */
export async function mergeStagedVisits(tx: Kysely<Database>): Promise<number> {
  const cols = sql.join(VISIT_COPY_COLUMNS.map((c) => sql.ref(c)));
  const result = await sql`
    insert into visits (${cols})
    select ${cols} from stage_visits order by source_sheet nulls first, source_line
    on conflict (office_code, arrival_date, visit_key) do nothing`.execute(tx);
  return Number(result.numAffectedRows ?? 0);
}
