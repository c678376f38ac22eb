import { z } from 'zod';
import { EVIDENCE_KEYS } from '../../../domain/evidence.ts';
import { LANGS } from '../../../domain/labels.ts';
import { CASE_SORTS } from '../../../domain/flag-workflow.ts';
import { RULE_STATUSES, RULES } from '../../../domain/rules.ts';
import { Day, Id, OfficeCode, Period, PeriodQuery, RequestDay } from './common.ts';

export const Rule = z.enum(RULES);
export const RuleStatus = z.enum(RULE_STATUSES);

/** One evidence line as a key and its parameters (domain/evidence.ts), for the dashboard to translate. */
export const EvidenceItem = z.object({
  key: z.enum(EVIDENCE_KEYS),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
});

/** One rule's verdict for one office (contract §4–5). */
export const RuleVerdict = z.object({
  rule: Rule,
  status: RuleStatus,
  /** minutes for times, 0–1 shares, days for reporting, 1/0 for inspection facts; null when no_data. */
  value: z.number().nullable(),
  threshold: z.number().nullable(),
  /** no_pass_delay only: share of admitted visits delayed over the threshold, 0–1. */
  share: z.number().nullable().optional(),
  small_sample: z.boolean().optional(),
  evidence: z.array(z.string()),
  /** The same lines as data; `evidence` stays the English text. */
  evidence_items: z.array(EvidenceItem).optional(),
});
export type RuleVerdict = z.infer<typeof RuleVerdict>;

/** One office's box plot of a duration, minutes (exact continuous percentiles). */
export const DelayBox = z.object({
  office: OfficeCode,
  n: z.number().int(),
  min: z.number().nullable(),
  q1: z.number().nullable(),
  median: z.number().nullable(),
  q3: z.number().nullable(),
  p90: z.number().nullable(),
  max: z.number().nullable(),
});
/**
 * GET /api/compliance?from&to&office&region — the matrix (department, inspector, admin) and the
 * admission delay's boxes the page draws beside it, so the page needs one request. Tables: cells, delays.
 */
export const ComplianceResponse = z.object({
  period: Period,
  offices: z.array(z.object({ office: OfficeCode, rules: z.array(RuleVerdict) })),
  /** The same boxes as /api/compliance/delays?metric=admission_delay for this filter. */
  delays: z.array(DelayBox),
});
export type ComplianceResponse = z.infer<typeof ComplianceResponse>;

/** The metrics behind the rules, per office. Table: offices. */
export const OfficeMetrics = z.object({
  office: OfficeCode,
  visits: z.number().int(),
  admitted: z.number().int(),
  notAdmitted: z.number().int(),
  /** minutes */
  admissionDelayP50: z.number().nullable(),
  admissionDelayP90: z.number().nullable(),
  admissionDelayMax: z.number().nullable(),
  /** share of admitted visits delayed over the threshold, 0–1 */
  delayedShare: z.number().nullable(),
  applicationTimeP50: z.number().nullable(),
  applicationTimeP90: z.number().nullable(),
  statements: z.number().int(),
  phoneShare: z.number().nullable(),
  questionedShare: z.number().nullable(),
  visitsPerDay: z.number().nullable(),
  /**
   * Days of the period (up to yesterday while it runs) without any visit recorded, counted from the
   * office's reporting start when that is later (contract §4); null before it starts or when it never reported.
   */
  daysWithoutLogs: z.number().int().nullable(),
  /** Longest run of consecutive days without a visit (the reporting rule's value); null as above. */
  longestGapDays: z.number().int().nullable(),
});
export type OfficeMetrics = z.infer<typeof OfficeMetrics>;

export const ComplianceMetricsResponse = z.object({ period: Period, offices: z.array(OfficeMetrics) });
export type ComplianceMetricsResponse = z.infer<typeof ComplianceMetricsResponse>;

export const DelaysQuery = PeriodQuery.extend({
  metric: z.enum(['admission_delay', 'wait_time', 'service_time', 'application_time']).default('admission_delay'),
});
export type DelaysQuery = z.infer<typeof DelaysQuery>;

/** Box plot per office. Table: offices. */
export const DelaysResponse = z.object({
  period: Period,
  metric: DelaysQuery.shape.metric.unwrap(),
  thresholdMinutes: z.number().nullable(),
  offices: z.array(DelayBox),
});
export type DelaysResponse = z.infer<typeof DelaysResponse>;

export const FLAG_STATUSES = ['open', 'confirmed', 'dismissed', 'resolved'] as const;
export const FlagStatus = z.enum(FLAG_STATUSES);
export const FLAG_ACTIONS = ['confirm', 'dismiss', 'set_deadline', 'resolve', 'comment'] as const;
export const FlagAction = z.enum(FLAG_ACTIONS);

/** A case (contract §4): one per office and rule while the breach goes on. */
export const Flag = z.object({
  id: z.number().int(),
  office: OfficeCode,
  rule: Rule,
  /** The case's first Almaty calendar month: first day. */
  month: Day,
  /** Every month the case covers, in order (first days). */
  months: z.array(Day),
  status: FlagStatus,
  /** Value and threshold of the latest month covered. */
  value: z.number().nullable(),
  threshold: z.number().nullable(),
  deadline: Day.nullable(),
  /** Still worked and its deadline has passed. */
  overdue: z.boolean(),
  /** The day the fix was seen (resolved) or the case was dismissed. */
  closedOn: Day.nullable(),
  closedBasis: z.enum(['inspection', 'note']).nullable(),
  /** What the inspector may do to it now. */
  actions: z.array(FlagAction),
  openedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Flag = z.infer<typeof Flag>;

export const FlagsQuery = z.object({
  status: FlagStatus.optional(),
  office: OfficeCode.optional(),
  rule: Rule.optional(),
  /** Cases covering this month (any day of it). */
  month: RequestDay.optional(),
  /** Cases covering any month of [from, to): the page's period filter. */
  from: RequestDay.optional(),
  to: RequestDay.optional(),
  sort: z.enum(CASE_SORTS).default('age'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
  /** The language of the CSV/XLSX export's evidence (JSON carries evidence as data). */
  lang: z.enum(LANGS).default('ru'),
});
export type FlagsQuery = z.infer<typeof FlagsQuery>;

/** GET /api/flags — department, inspector, admin read; one page, overdue first. Table (CSV/XLSX: every match): flags. */
export const FlagsResponse = z.object({
  flags: z.array(Flag),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Per status, with every filter but the status; overdue among them. */
  counts: z.object({ open: z.number().int(), confirmed: z.number().int(), dismissed: z.number().int(), resolved: z.number().int(), overdue: z.number().int() }),
});

/** An evidence visit: by reference only (ticket and file:line), never personal data. */
export const EvidenceVisit = z.object({
  visitRef: z.string().nullable(),
  source: z.string().describe('file:line or file#sheet:row'),
  arrivedAt: z.iso.datetime(),
  /** The measured duration for time rules (delay, application time), else null. */
  minutes: z.number().nullable(),
});
export const AuditEntry = z.object({
  at: z.iso.datetime(),
  actor: z.string(),
  action: z.string(),
  note: z.string().nullable(),
  /** A system entry's finding as data, for the dashboard to say in the reader's language. */
  items: z.array(EvidenceItem).nullable().optional(),
  month: Day.nullable().optional(),
  seenOn: Day.nullable().optional(),
  deadline: Day.nullable().optional(),
});

/** GET /api/flags/:id and the answer of POST /api/flags/:id/actions. */
export const FlagDetailResponse = z.object({
  flag: Flag,
  /** The month the evidence below is about (?month=, else the latest month covered). */
  evidenceMonth: Day,
  evidence: z.object({
    lines: z.array(z.string()),
    /** The lines as data; absent on flags stored before evidence items existed. */
    evidence_items: z.array(EvidenceItem).optional(),
    /** id of the inspection the verdict came from, if any */
    inspectionId: z.number().int().nullable(),
    visits: z.array(EvidenceVisit),
  }),
  audit: z.array(AuditEntry),
});
export type FlagDetailResponse = z.infer<typeof FlagDetailResponse>;

/** POST /api/flags/:id/actions — inspector only. `note` is required for dismiss, `deadline` for set_deadline. */
export const FlagActionBody = z.object({
  action: FlagAction,
  note: z.string().max(2000).optional(),
  deadline: RequestDay.optional(),
  /** resolve/dismiss: the day the fix was seen; default today. */
  seen: RequestDay.optional(),
  /** resolve: the follow-up inspection that showed the fix. */
  inspectionId: z.number().int().positive().optional(),
});

/** GET /api/flags/covering?office&rule&month — the case a matrix cell opens. */
export const FlagCoveringQuery = z.object({ office: OfficeCode, rule: Rule, month: RequestDay });
export const FlagCoveringResponse = z.object({ id: z.number().int().nullable() });
export type FlagCoveringResponse = z.infer<typeof FlagCoveringResponse>;

/** GET /api/digest?month=YYYY-MM&lang&format=md|html */
export const DigestQuery = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM'),
  lang: z.enum(['ru', 'kk', 'en']).default('ru'),
  format: z.enum(['md', 'html']).default('html'),
});

/** GET /api/flags/:id?month= — which month's evidence to show. */
export const FlagDetailQuery = z.object({ month: RequestDay.optional() });
export type FlagActionBody = z.infer<typeof FlagActionBody>;

export const FlagParams = z.object({ id: Id });

export type FlagsResponse = z.infer<typeof FlagsResponse>;
export type FlagStatus = z.infer<typeof FlagStatus>;
export type FlagAction = z.infer<typeof FlagAction>;
export type EvidenceVisit = z.infer<typeof EvidenceVisit>;
export type AuditEntry = z.infer<typeof AuditEntry>;
export type DelayBox = z.infer<typeof DelayBox>;
export type Rule = z.infer<typeof Rule>;
export type RuleStatus = z.infer<typeof RuleStatus>;
