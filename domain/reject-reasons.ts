/**
 * Why a whole file was refused: a code and its parameters. The CLI's JSON report carries the English
 * sentence (etl/reject-text.ts); the Data page words the same code in the reader's language.
 */
export const REJECT_CODES = [
  'empty_file', 'blank_only', 'not_a_log', 'legacy_xls', 'pdf', 'json_array', 'zip_truncated', 'zip_not_xlsx',
  'no_json_object', 'no_arrival_column', 'no_office', 'missing_iin_key',
  'line_too_long', 'xlsx_unreadable', 'xlsx_inflated_too_large', 'xlsx_cell_too_long', 'xlsx_too_many_rows',
  'xlsx_too_many_columns', 'arrow_unreadable', 'arrow_truncated', 'arrow_metadata_too_large',
  'arrow_batch_too_large', 'arrow_damaged', 'too_much_memory', 'too_slow', 'unreadable_file', 'internal_error',
] as const;
export type RejectCode = (typeof REJECT_CODES)[number];

/** Parameters are numbers or short texts (a sheet name, a list of columns), never personal data. */
export type RejectParams = Readonly<Record<string, string | number | null>>;

export interface RejectReason {
  code: RejectCode;
  params: RejectParams;
}

export function isRejectCode(value: unknown): value is RejectCode {
  return typeof value === 'string' && (REJECT_CODES as readonly string[]).includes(value);
}
