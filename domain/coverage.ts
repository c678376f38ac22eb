/**
 * Coverage and like-for-like comparison (data contract §8). An office's coverage is the set of
 * Almaty days its loaded files cover; a change is computed only over offices covered for the whole
 * of both periods, and the others are named. Pure and browser-safe.
 */
import { addDays, daysBetween, isoWeekdayIndex, type Period } from './calendar.ts';
import type { ComparisonKind } from './periods.ts';

/** An office is active while its coverage reaches within this many days of the latest covered day of any office. */
export const ACTIVE_WITHIN_DAYS = 14;

/** Days first..last, both included. */
export interface DaySpan { from: string; to: string }

export type CoverageStatus = 'active' | 'behind' | 'no_data';

export interface OfficeCoverage {
  office: string;
  /** First and last covered day; null when nothing was ever received. */
  first: string | null;
  last: string | null;
  /** Covered runs in order, each first..last included, never touching each other. */
  spans: DaySpan[];
  status: CoverageStatus;
  /** For a behind office: its last covered day ("no data since"). */
  behindSince: string | null;
}

export interface Coverage {
  /** The latest day through which every active office is covered; null when nothing is covered. */
  completeTo: string | null;
  /** The latest covered day of any office. */
  latest: string | null;
  offices: OfficeCoverage[];
}

/** One file's span for one office, as stored in file_coverage. */
export interface FileSpan { office: string; first: string; last: string }

/** Joins the files' spans per office and decides who is active, who is behind, and completeTo. */
export function buildCoverage(files: readonly FileSpan[], officeCodes: readonly string[]): Coverage {
  const byOffice = new Map<string, DaySpan[]>();
  for (const f of [...files].sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0))) {
    const spans = byOffice.get(f.office) ?? [];
    const last = spans[spans.length - 1];
    // Adjacent days join: a file ending on the 5th and one starting on the 6th leave no gap.
    if (last && f.first <= addDays(last.to, 1)) { if (f.last > last.to) last.to = f.last; } else spans.push({ from: f.first, to: f.last });
    byOffice.set(f.office, spans);
  }
  let latest: string | null = null;
  for (const spans of byOffice.values()) {
    const end = spans[spans.length - 1]?.to;
    if (end !== undefined && (latest === null || end > latest)) latest = end;
  }
  const activeFrom = latest === null ? null : addDays(latest, -ACTIVE_WITHIN_DAYS);
  let completeTo: string | null = null;
  const offices = officeCodes.map((office): OfficeCoverage => {
    const spans = byOffice.get(office) ?? [];
    const first = spans[0]?.from ?? null;
    const last = spans[spans.length - 1]?.to ?? null;
    if (last === null || activeFrom === null) return { office, first, last, spans, status: 'no_data', behindSince: null };
    if (last < activeFrom) return { office, first, last, spans, status: 'behind', behindSince: last };
    if (completeTo === null || last < completeTo) completeTo = last;
    return { office, first, last, spans, status: 'active', behindSince: null };
  });
  return { completeTo, latest, offices };
}

/** Whether every day of the period [from, to) is covered. */
export function coversPeriod(o: OfficeCoverage, p: Period): boolean {
  const lastDay = addDays(p.to, -1);
  return o.spans.some((s) => s.from <= p.from && s.to >= lastDay);
}

/** Whether one day is covered. */
export function coversDay(o: OfficeCoverage, day: string): boolean {
  return o.spans.some((s) => s.from <= day && s.to >= day);
}

/** The runs of days of [from, to) that are not covered, each first..last included. */
export function uncoveredSpans(o: OfficeCoverage, p: Period): DaySpan[] {
  const out: DaySpan[] = [];
  const lastDay = addDays(p.to, -1);
  let cursor = p.from;
  for (const s of o.spans) {
    if (s.to < cursor) continue;
    if (s.from > lastDay) break;
    if (s.from > cursor) out.push({ from: cursor, to: addDays(s.from, -1) });
    cursor = addDays(s.to, 1);
    if (cursor > lastDay) return out;
  }
  if (cursor <= lastDay) out.push({ from: cursor, to: lastDay });
  return out;
}

/** How many covered days of each ISO weekday (index 0 = Monday) the period holds. */
export function coveredWeekdays(o: OfficeCoverage, p: Period): number[] {
  const counts = [0, 0, 0, 0, 0, 0, 0];
  // Spans are disjoint (buildCoverage joins them): each covered stretch of the period adds its whole
  // weeks to every weekday and its remaining days from its first weekday on. Every request's heatmap
  // asks this per office, so it counts per span rather than walking the days.
  for (const s of o.spans) {
    const from = s.from > p.from ? s.from : p.from;
    const after = addDays(s.to, 1);
    const n = daysBetween(from, after < p.to ? after : p.to);
    if (n <= 0) continue;
    const first = isoWeekdayIndex(from);
    const weeks = Math.floor(n / 7);
    for (let k = 0; k < 7; k++) counts[k] = (counts[k] ?? 0) + weeks;
    for (let j = 0; j < n % 7; j++) counts[(first + j) % 7] = (counts[(first + j) % 7] ?? 0) + 1;
  }
  return counts;
}

export type LeftOutReason = 'behind' | 'not_covered' | 'no_data';

/** An office of the filter left out of a comparison, and why. */
export interface OfficeLeftOut {
  office: string;
  /** behind: its files stopped (since = last covered day); not_covered: a gap in a period; no_data: nothing ever received. */
  reason: LeftOutReason;
  since: string | null;
  /** Which period it is not covered for the whole of. */
  side: 'current' | 'previous' | 'both';
}

export type IncomparableReason = 'current_not_covered' | 'previous_not_covered' | 'no_office_covered_both';

export interface Comparison {
  kind: ComparisonKind;
  /** The comparison period [from, to). */
  from: string;
  to: string;
  /** False: no percentage or arrow anywhere, only «несопоставимо» and the reason. */
  comparable: boolean;
  /** The like-for-like offices: covered for the whole of both periods. */
  offices: string[];
  offices_left_out: OfficeLeftOut[];
  reason: IncomparableReason | null;
}

/** Compares `current` with `other` over the offices of the filter covered on both sides. */
export function compareLikeForLike(
  cov: Coverage, officeCodes: readonly string[], current: Period, other: Period, kind: ComparisonKind,
): Comparison {
  const byCode = new Map(cov.offices.map((o) => [o.office, o]));
  const offices: string[] = [];
  const left: OfficeLeftOut[] = [];
  let anyCurrent = false;
  let anyOther = false;
  for (const code of officeCodes) {
    const o = byCode.get(code);
    if (!o || o.status === 'no_data') { left.push({ office: code, reason: 'no_data', since: null, side: 'both' }); continue; }
    const cur = coversPeriod(o, current);
    const oth = coversPeriod(o, other);
    anyCurrent ||= cur;
    anyOther ||= oth;
    if (cur && oth) { offices.push(code); continue; }
    const side = !cur && !oth ? 'both' : !cur ? 'current' : 'previous';
    left.push(o.status === 'behind'
      ? { office: code, reason: 'behind', since: o.behindSince, side }
      : { office: code, reason: 'not_covered', since: null, side });
  }
  const comparable = offices.length > 0;
  const reason: IncomparableReason | null = comparable ? null
    : !anyCurrent ? 'current_not_covered' : !anyOther ? 'previous_not_covered' : 'no_office_covered_both';
  return { kind, from: other.from, to: other.to, comparable, offices, offices_left_out: left, reason };
}
