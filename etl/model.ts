import type { RejectCode, RejectParams } from '../domain/reject-reasons.ts';
import type { Channel, FileFormat, IinStatus, Outcome, QuarantineReason } from '../domain/visit-codes.ts';
import { rejectText } from './reject-text.ts';

/**
 * The records that flow between the ETL stages:
 *   etl/read/*      file bytes   → RawRecord        (one reader per format, same signature)
 *   etl/transform/* RawRecord    → NormalizedVisit  | Quarantined
 *   etl/classify/*  topic text   → Category
 *   etl/load/*      visits       → staging → visits (+ rollups), quarantine
 */

/** Canonical visit fields (data contract §2), plus `date` for files that give times without a day. */
export const VISIT_FIELDS = [
  'office', 'visit_ref', 'date', 'arrived_at', 'admitted_at', 'started_at', 'finished_at', 'topic_text',
  'service', 'outcome', 'iin', 'phone_surrendered', 'checkpoint_questioned', 'specialist_called_at',
  'specialist_arrived_at', 'channel',
] as const;
export type VisitField = (typeof VISIT_FIELDS)[number];

/** Canonical inspection fields (data contract §3). */
export const INSPECTION_FIELDS = [
  'office', 'inspected_at', 'inspector', 'bars_on_windows', 'bars_on_doors', 'inside_secured_perimeter',
  'phones_collected_at_entrance', 'guard_questions_visitors', 'signage_present', 'notes',
] as const;
export type InspectionField = (typeof INSPECTION_FIELDS)[number];

/**
 * A value as the source holds it. Readers never guess meaning, but they do turn typed cells into
 * text: a wall-clock date-time (Excel date cell, Arrow timestamp without zone) becomes
 * 'YYYY-MM-DD HH:MM:SS', an instant (Arrow timestamp with zone) becomes ISO 8601 with 'Z'.
 * A number is kept as a number (an Excel serial date or time, a 0/1 flag, an IIN that lost its zero).
 */
export type RawValue = string | number | boolean | null;

export interface RawRecord<F extends string = VisitField> {
  /** 1-based physical line of a text file, or the row number in a sheet. */
  line: number;
  /** Sheet name for spreadsheets, else null. */
  sheet: string | null;
  /** The row as written (for quarantine); a reader caps it at a few KB. */
  raw: string;
  /** Mapped canonical fields; null when the row could not be split (quarantined as `malformed`). */
  values: Partial<Record<F, RawValue>> | null;
  /** Why the row is malformed, when values is null. */
  malformed?: string;
}

/** What a reader returns once it has recognised a file; records stream lazily. */
export interface ReadResult<F extends string = VisitField> {
  format: Exclude<FileFormat, 'inspection'> | 'inspection';
  /** Columns the file has that no canonical field claims (listed in the run report). */
  unknownColumns: string[];
  records: AsyncIterable<RawRecord<F>>;
  /**
   * The same records in the groups a reader has at hand (a CSV's 32 KB of text), where it has them:
   * a loader of a million rows then waits once a group instead of once a row (etl/read/record-groups.ts).
   */
  groups?: AsyncIterable<RawRecord<F>[]>;
  /** Filled in as the records are read. */
  repairs: ReadRepairs;
}

/**
 * A file refused as a whole (data contract §2): the message says in English what was wrong and what was
 * expected; code and params let the Data page say the same in the reader's language.
 */
export class RejectedFileError extends Error {
  constructor(readonly code: RejectCode, readonly params: RejectParams = {}) {
    super(rejectText(code, params));
    this.name = 'RejectedFileError';
  }
}

/** What a reader repaired on the way (counted in the report): NUL bytes taken out of text. */
export interface ReadRepairs {
  nulsRemoved: number;
}

/**
 * A visit after normalisation and validation, ready to load (category added by the classifier). Its
 * instants are epoch milliseconds: a million Date objects a load cost the collector.
 */
export interface NormalizedVisit {
  office_code: string;
  visit_key: string;
  visit_ref: string | null;
  arrived_at: number;
  /** Asia/Almaty calendar day of arrived_at, 'YYYY-MM-DD'. */
  arrival_date: string;
  admitted_at: number | null;
  started_at: number | null;
  finished_at: number | null;
  /** Trimmed, with every run of 12 digits replaced by [IIN]. */
  topic_text: string;
  service: string | null;
  outcome: Outcome | null;
  outcome_text: string | null;
  visitor_hash: string | null;
  iin_status: IinStatus;
  phone_surrendered: boolean | null;
  checkpoint_questioned: boolean | null;
  specialist_called_at: number | null;
  specialist_arrived_at: number | null;
  channel: Channel | null;
  source_line: number;
  source_sheet: string | null;
}

export interface Quarantined {
  reason: QuarantineReason;
  /** What was expected and what was found, with no personal data (IINs scrubbed). */
  detail: string;
}

export type NormalizeResult = { ok: true; visit: NormalizedVisit } | ({ ok: false } & Quarantined);

export interface NormalizedInspection {
  office_code: string;
  inspected_at: Date;
  inspector: string;
  bars_on_windows: boolean | null;
  bars_on_doors: boolean | null;
  inside_secured_perimeter: boolean | null;
  phones_collected_at_entrance: boolean | null;
  guard_questions_visitors: boolean | null;
  signage_present: boolean | null;
  notes: string;
  source_line: number;
}

export type NormalizeInspectionResult = { ok: true; inspection: NormalizedInspection } | ({ ok: false } & Quarantined);

/** The per-file line of the `vitrina ingest --json` report (data contract §5). */
export interface FileReport {
  path: string;
  status: 'loaded' | 'skipped_duplicate' | 'rejected';
  format: FileFormat | null;
  office: string | null;
  rows_read: number;
  rows_loaded: number;
  rows_duplicate: number;
  rows_quarantined: number;
  reason: string | null;
  /** Why a rejected file was refused, for wording it in another language; null otherwise. */
  reason_code: RejectCode | null;
  reason_params: RejectParams | null;
  /** NUL bytes taken out of the file's text (PostgreSQL stores none). */
  nuls_removed: number;
}

/**
 * The report as `vitrina ingest --json` prints it: exactly the contract's keys (§5), so a check that
 * compares the object whole sees no more; the reason's code and NUL count stay in ingested_files and
 * the upload answer, where the Data page words them.
 */
export function contractReport(report: IngestReport): { files: Omit<FileReport, 'reason_code' | 'reason_params' | 'nuls_removed'>[]; totals: IngestReport['totals'] } {
  return {
    files: report.files.map(({ reason_code: _code, reason_params: _params, nuls_removed: _nuls, ...file }) => file),
    totals: report.totals,
  };
}

export interface IngestReport {
  files: FileReport[];
  totals: { rows_read: number; rows_loaded: number; rows_duplicate: number; rows_quarantined: number };
}
