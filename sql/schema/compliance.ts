import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { EvidenceItem } from '../../domain/evidence.ts';
import type { Rule } from '../../domain/rules.ts';
import type { VisitCounts } from './rollups.ts';

/** Tables of migration 0004 (daily office totals, thresholds, evaluations, flags, audit trail). */
export interface ComplianceTables {
  office_daily: OfficeDailyTable;
  thresholds: ThresholdTable;
  threshold_changes: ThresholdChangeTable;
  evaluations: EvaluationTable;
  flags: FlagTable;
  flag_months: FlagMonthTable;
  flag_actions: FlagActionTable;
}

export const THRESHOLD_KEYS = [
  'pass_delay_minutes', 'pass_delay_share', 'questioning_share', 'phone_surrender_share',
  'application_time_minutes', 'reporting_gap_days', 'small_sample_visits',
] as const;
export type ThresholdKey = (typeof THRESHOLD_KEYS)[number];
export type ThresholdUnit = 'minutes' | 'share' | 'days' | 'visits';

export const FLAG_STATUSES = ['open', 'confirmed', 'dismissed', 'resolved'] as const;
export type FlagStatus = (typeof FLAG_STATUSES)[number];

export const FLAG_ACTIONS = [
  'open', 'reopen', 'add_month', 'update_evidence', 'confirm', 'dismiss', 'set_deadline', 'resolve', 'comment',
] as const;
export type FlagActionKind = (typeof FLAG_ACTIONS)[number];

/** pg returns BIGINT/BIGSERIAL as string; DATE stays 'YYYY-MM-DD' text (sql/db.ts). */
type BigId = ColumnType<string, string | number | bigint | undefined, never>;
type BigRef = ColumnType<string, string | number | bigint, string | number | bigint>;
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CalendarDate = ColumnType<string, string, string>;
/** jsonb: written as a JSON string, read back parsed. */
type Json<T> = ColumnType<T, string, string>;

/** visit_hourly summed per office and Almaty day, maintained by triggers on visit_hourly. */
export interface OfficeDailyTable extends VisitCounts {
  office_code: string;
  day: CalendarDate;
}

export interface ThresholdTable {
  key: ThresholdKey;
  value: number;
  unit: ThresholdUnit;
  updated_at: DefaultedTimestamp;
  updated_by: Generated<string>;
}

export interface ThresholdChangeTable {
  id: BigId;
  key: ThresholdKey;
  old_value: number;
  new_value: number;
  actor: string;
  changed_at: DefaultedTimestamp;
}

export interface EvaluationTable {
  id: BigId;
  evaluated_at: DefaultedTimestamp;
  actor: string;
  period_from: CalendarDate;
  period_to: CalendarDate;
  offices: string[] | null;
  thresholds: Json<Record<ThresholdKey, number>>;
  flags_month: CalendarDate | null;
}

/** A case (migration 0010): one per office and rule while the breach goes on. */
export interface FlagTable {
  id: BigId;
  office_code: string;
  rule: Rule;
  /** The case's first month. */
  month: CalendarDate;
  last_month: CalendarDate;
  /** The day the fix was seen (resolved) or the case was dismissed; null while it is worked. */
  closed_on: ColumnType<string | null, string | null | undefined, string | null>;
  closed_basis: ColumnType<'inspection' | 'note' | null, 'inspection' | 'note' | null | undefined, 'inspection' | 'note' | null>;
  closed_inspection_id: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  status: ColumnType<FlagStatus, FlagStatus | undefined, FlagStatus>;
  deadline: CalendarDate | null;
  evidence: Json<unknown>;
  evaluation_id: BigRef | null;
  opened_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

/** One month a case covers, with that month's evidence. */
export interface FlagMonthTable {
  flag_id: BigRef;
  month: CalendarDate;
  evidence: Json<unknown>;
  evaluation_id: BigRef | null;
  updated_at: DefaultedTimestamp;
}

type Optional<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface FlagActionTable {
  id: BigId;
  flag_id: BigRef;
  actor: string;
  acted_at: DefaultedTimestamp;
  action: FlagActionKind;
  note: string | null;
  deadline: CalendarDate | null;
  /** The month a system entry was about. */
  month: Optional<string>;
  /** A system entry's evidence as keys and parameters (jsonb), rendered in the reader's language. */
  items: ColumnType<EvidenceItem[] | null, string | null | undefined, string | null>;
  seen_on: Optional<string>;
  inspection_id: ColumnType<string | null, string | number | null | undefined, string | number | null>;
}

export type ThresholdRow = Selectable<ThresholdTable>;
export type ThresholdChangeRow = Selectable<ThresholdChangeTable>;
export type EvaluationRow = Selectable<EvaluationTable>;
export type FlagRow = Selectable<FlagTable>;
export type NewFlag = Insertable<FlagTable>;
export type FlagActionRow = Selectable<FlagActionTable>;
export type FlagMonthRow = Selectable<FlagMonthTable>;
