import { z } from 'zod';
import { LANGS } from '../../../domain/labels.ts';
import { Category, Change, Count, Day, OfficeCode, Period, PeriodQuery, RegionCode } from './common.ts';

/** ?from&to&office&region&lang&format — the publishable summary; txt/csv/xlsx are downloads in that language. */
export const SummaryQuery = PeriodQuery.extend({
  lang: z.enum(LANGS).default('ru'),
  format: z.enum(['json', 'txt', 'csv', 'xlsx']).optional(),
});
export type SummaryQuery = z.infer<typeof SummaryQuery>;

export const SummaryCategory = z.object({
  category: Category,
  /** The category's name in the summary's language. */
  name: z.string(),
  visits: Count,
  suppressed: z.boolean(),
  /** visits / total from the published (for press: protected) numbers, 0–1; null when hidden. */
  share: z.number().nullable(),
  /** Whole percent for labels: largest-remainder rounding, so the labels add up to 100 with `hiddenPercent`. */
  percent: z.number().int().nullable(),
});

/**
 * The comparison the text uses (data contract §8): like-for-like offices only; `comparable: false`
 * means no percentage may be shown anywhere, `reason` says why.
 */
export const SummaryComparison = z.object({
  kind: z.literal('previous'),
  from: Day,
  to: Day,
  comparable: z.boolean(),
  reason: z.string().nullable(),
  /** Offices of the filter left out of the like-for-like comparison. */
  officesLeftOut: z.array(OfficeCode),
  /** Totals of the like-for-like offices, protected for press. */
  current: Count,
  previous: Count,
  change: Change,
});
export type SummaryComparison = z.infer<typeof SummaryComparison>;

export const SummaryFigures = z.object({
  lang: z.enum(LANGS),
  period: Period,
  /** The period as written in the text: «в ноябре 2026 года». */
  periodText: z.string(),
  office: OfficeCode.nullable(),
  region: RegionCode.nullable(),
  /** Office or region name in the summary's language. */
  scope: z.string(),
  /** True when the figures went through disclosure control (press). */
  protected: z.boolean(),
  total: Count,
  totalSuppressed: z.boolean(),
  /** Largest first; categories with no visits in the period are left out. */
  categories: z.array(SummaryCategory),
  /** Percent label of the hidden (<5) categories together, so that all labels add up to 100; null when none is hidden. */
  hiddenPercent: z.number().int().nullable(),
  /** The method sentence for press (shown under every table), null for other roles. */
  method: z.string().nullable(),
  source: z.string(),
  title: z.string(),
});
export type SummaryFigures = z.infer<typeof SummaryFigures>;

/** GET /api/summary: the text a press officer publishes, the comparison and the figures it states. */
export const SummaryResponse = z.object({
  text: z.string(),
  comparison: SummaryComparison.nullable(),
  figures: SummaryFigures,
});
export type SummaryResponse = z.infer<typeof SummaryResponse>;
