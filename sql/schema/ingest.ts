import type { ColumnType, Generated, Selectable, Insertable } from 'kysely';
import type { Category } from '../../domain/categories.ts';
import type {
  Channel, FileFormat, FileStatus, IinStatus, Outcome, QuarantineReason,
} from '../../domain/visit-codes.ts';

/** Tables of migration 0002. */
export interface IngestTables {
  runs: RunTable;
  ingested_files: IngestedFileTable;
  visits: VisitTable;
  quarantine: QuarantineTable;
  inspections: InspectionTable;
}

/** pg returns BIGINT/BIGSERIAL as string (it can exceed 2^53); ids are parsed where they are read. */
type BigId = ColumnType<string, string | number | bigint | undefined, never>;
type BigRef = ColumnType<string, string | number | bigint, string | number | bigint>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A DATE column: pg is told to keep it as 'YYYY-MM-DD' text (see sql/db.ts), never a JS Date. */
type CalendarDate = ColumnType<string, string, string>;

export interface RunTable {
  id: BigId;
  command: string;
  actor: Generated<string>;
  started_at: DefaultedTimestamp;
  finished_at: Timestamp | null;
  summary: ColumnType<unknown, string | null, string | null> | null;
}

export interface IngestedFileTable {
  id: BigId;
  run_id: BigRef | null;
  sha256: string;
  path: string;
  bytes: ColumnType<string, number | string, number | string>;
  format: FileFormat | null;
  office_code: string | null;
  status: FileStatus;
  reason: string | null;
  /** Migration 0013: the rejection's code and parameters (domain/reject-reasons.ts). */
  reason_code: ColumnType<string | null, string | null | undefined, string | null>;
  reason_params: ColumnType<Record<string, string | number | null> | null, string | null | undefined, string | null>;
  nuls_removed: Generated<number>;
  rows_read: Generated<number>;
  rows_loaded: Generated<number>;
  rows_duplicate: Generated<number>;
  rows_quarantined: Generated<number>;
  unknown_columns: Generated<string[]>;
  started_at: DefaultedTimestamp;
  finished_at: Timestamp | null;
}

export interface VisitTable {
  id: BigId;
  office_code: string;
  visit_key: string;
  visit_ref: string | null;
  arrived_at: Timestamp;
  arrival_date: CalendarDate;
  admitted_at: Timestamp | null;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  topic_text: Generated<string>;
  category: Category;
  category_confidence: Generated<number>;
  classifier_version: string;
  service: string | null;
  outcome: Outcome | null;
  outcome_text: string | null;
  visitor_hash: string | null;
  iin_status: IinStatus;
  phone_surrendered: boolean | null;
  checkpoint_questioned: boolean | null;
  specialist_called_at: Timestamp | null;
  specialist_arrived_at: Timestamp | null;
  channel: Channel | null;
  file_id: BigRef;
  source_line: number;
  source_sheet: string | null;
}

export interface QuarantineTable {
  id: BigId;
  file_id: BigRef;
  source_line: number;
  source_sheet: string | null;
  reason: QuarantineReason;
  detail: string;
  raw_text: string;
  created_at: DefaultedTimestamp;
}

export interface InspectionTable {
  id: BigId;
  office_code: string;
  inspected_at: Timestamp;
  inspector: Generated<string>;
  bars_on_windows: boolean | null;
  bars_on_doors: boolean | null;
  inside_secured_perimeter: boolean | null;
  phones_collected_at_entrance: boolean | null;
  guard_questions_visitors: boolean | null;
  signage_present: boolean | null;
  notes: Generated<string>;
  file_id: BigRef | null;
  source_line: number | null;
}

export type VisitRow = Selectable<VisitTable>;
export type NewVisit = Insertable<VisitTable>;
export type IngestedFileRow = Selectable<IngestedFileTable>;
export type QuarantineRow = Selectable<QuarantineTable>;
export type InspectionRow = Selectable<InspectionTable>;
export type NewInspection = Insertable<InspectionTable>;
