import { z } from 'zod';
import { REJECT_CODES } from '../../../domain/reject-reasons.ts';
import { FILE_FORMATS, FILE_STATUSES, QUARANTINE_REASONS } from '../../../domain/visit-codes.ts';
import { Day, decimalInt, Id, OfficeCode, RequestDay } from './common.ts';

export const Threshold = z.object({
  key: z.string(),
  value: z.number(),
  default: z.number(),
  unit: z.string().describe('minutes | share | days | count'),
  description: z.string(),
  updatedAt: z.iso.datetime().nullable(),
  updatedBy: z.string().nullable(),
});
export const ThresholdChange = z.object({
  key: z.string(),
  oldValue: z.number().nullable(),
  newValue: z.number(),
  actor: z.string(),
  at: z.iso.datetime(),
});
/** GET /api/thresholds — department, inspector, admin read. Tables: thresholds, history. */
export const ThresholdsResponse = z.object({ thresholds: z.array(Threshold), history: z.array(ThresholdChange) });
export type ThresholdsResponse = z.infer<typeof ThresholdsResponse>;
export const ThresholdParams = z.object({ key: z.string().regex(/^[a-z0-9_.]{1,80}$/, 'a threshold key such as no_pass_delay.p90_minutes') });
/** PUT /api/thresholds/:key — admin only; answers the updated GET /api/thresholds. */
export const ThresholdBody = z.object({ value: z.number().finite().nonnegative() });

/** A rejection's code and parameters (the Data page words them per language) and the NULs taken out. */
const RejectionFields = {
  reason_code: z.enum(REJECT_CODES).nullable(),
  reason_params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).nullable(),
  nuls_removed: z.number().int(),
};

export const IngestedFile = z.object({
  id: z.number().int(),
  /** File name only, never a server path. */
  name: z.string(),
  sha256: z.string(),
  bytes: z.number().int(),
  format: z.enum(FILE_FORMATS).nullable(),
  office: z.string().nullable(),
  status: z.enum(FILE_STATUSES),
  reason: z.string().nullable(),
  ...RejectionFields,
  rows_read: z.number().int(),
  rows_loaded: z.number().int(),
  rows_duplicate: z.number().int(),
  rows_quarantined: z.number().int(),
  unknown_columns: z.array(z.string()),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
  /** First and last Almaty arrival day the file covers (any office); null when it loaded nothing. */
  coveredFrom: Day.nullable(),
  coveredTo: Day.nullable(),
});
export const FilesQuery = z.object({
  limit: decimalInt(1, 1000).default(200),
  offset: decimalInt(0).default(0),
});
/** GET /api/files filters: a file's office (or an office its rows name), its status, a month its days touch. */
export const FilesFilterQuery = FilesQuery.extend({
  office: OfficeCode.optional(),
  status: z.enum(FILE_STATUSES).optional(),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM').optional(),
});
/** GET /api/files — department, inspector, admin. Table: files. */
export const FilesResponse = z.object({ total: z.number().int(), files: z.array(IngestedFile) });
export type FilesResponse = z.infer<typeof FilesResponse>;

export const QuarantineQuery = FilesQuery.extend({
  file: Id.optional(),
  reason: z.enum(QUARANTINE_REASONS).optional(),
});
export const QuarantinedRow = z.object({
  id: z.number().int(),
  fileId: z.number().int(),
  file: z.string(),
  line: z.number().int(),
  sheet: z.string().nullable(),
  reason: z.enum(QUARANTINE_REASONS),
  detail: z.string(),
  /** As read, with every 12-digit run replaced by [IIN]. */
  rawText: z.string(),
  createdAt: z.iso.datetime(),
});
/** GET /api/quarantine — admin. Table: rows. */
export const QuarantineResponse = z.object({ total: z.number().int(), rows: z.array(QuarantinedRow) });
export type QuarantineResponse = z.infer<typeof QuarantineResponse>;

/** The ingest report (contract §5), returned by POST /api/uploads (admin, multipart field "files"). */
export const IngestFileReport = z.object({
  path: z.string(),
  status: z.enum(FILE_STATUSES),
  format: z.enum(FILE_FORMATS).nullable(),
  office: z.string().nullable(),
  rows_read: z.number().int(),
  rows_loaded: z.number().int(),
  rows_duplicate: z.number().int(),
  rows_quarantined: z.number().int(),
  reason: z.string().nullable(),
  ...RejectionFields,
});
export const UploadResponse = z.object({
  files: z.array(IngestFileReport),
  totals: z.object({
    rows_read: z.number().int(), rows_loaded: z.number().int(),
    rows_duplicate: z.number().int(), rows_quarantined: z.number().int(),
  }),
});
export type UploadResponse = z.infer<typeof UploadResponse>;

/** GET /api/export/visits?from&to&office&format — department and admin (hashed visitor); 403 for press and inspector. */
export const ExportQuery = z.object({
  from: RequestDay,
  to: RequestDay,
  office: OfficeCode.optional(),
  format: z.enum(['jsonl', 'csv', 'xlsx']).default('csv'),
});
export type ExportQuery = z.infer<typeof ExportQuery>;
/** One exported visit: the canonical fields of `vitrina export` (contract §5). */
export const ExportedVisit = z.object({
  office: z.string(), visit_ref: z.string().nullable(),
  arrived_at: z.string(), admitted_at: z.string().nullable(), started_at: z.string().nullable(), finished_at: z.string().nullable(),
  topic_text: z.string(), category: z.string(), service: z.string().nullable(),
  outcome: z.string().nullable(), outcome_text: z.string().nullable(),
  visitor_hash: z.string().nullable(), iin_status: z.string(),
  phone_surrendered: z.boolean().nullable(), checkpoint_questioned: z.boolean().nullable(),
  specialist_called_at: z.string().nullable(), specialist_arrived_at: z.string().nullable(),
  channel: z.string().nullable(), source: z.string(),
});

export const HealthResponse = z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) });

export type Threshold = z.infer<typeof Threshold>;
export type ThresholdChange = z.infer<typeof ThresholdChange>;
export type IngestedFile = z.infer<typeof IngestedFile>;
export type QuarantinedRow = z.infer<typeof QuarantinedRow>;
export type IngestFileReport = z.infer<typeof IngestFileReport>;
export type ExportedVisit = z.infer<typeof ExportedVisit>;
export type HealthResponse = z.infer<typeof HealthResponse>;
