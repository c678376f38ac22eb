/** The percentiles every duration summary carries. */
export const PERCENTILES = { q1: 0.25, p50: 0.5, q3: 0.75, p90: 0.9, p95: 0.95 } as const;
export type PercentileName = keyof typeof PERCENTILES;

/** Durations in whole seconds counted per minute of duration (minute = floor(seconds / 60)). */
export interface MinuteHistogram {
  /** Ascending minutes with a non-zero count. */
  minutes: number[];
  counts: number[];
  total: number;
}

/** Per-second counts (index 0–59) of the minutes a summary needs to look inside. */
export type SecondCounts = ReadonlyMap<number, readonly number[]>;

/** The order statistics a summary can hold; a reader that shows fewer reads fewer minutes. */
export type Statistic = PercentileName | 'min' | 'max';
export const ALL_STATISTICS: readonly Statistic[] = ['min', 'max', ...(Object.keys(PERCENTILES) as PercentileName[])];

/** Statistics not asked for are NaN. */
export interface DurationSummary {
  n: number;
  min: number;
  max: number;
  /** Durations strictly over the threshold given. */
  over: number;
  pct: Record<PercentileName, number>;
}

/** percentile_cont's two order statistics (0-based ranks) and the weight between them. */
function positions(p: number, total: number): { lo: number; hi: number; h: number } {
  const h = p * (total - 1);
  return { lo: Math.floor(h), hi: Math.ceil(h), h };
}

/** The ranks a summary reads: min, max and both neighbours of each percentile asked for. */
function ranksNeeded(total: number, wanted: readonly Statistic[]): number[] {
  const ranks = new Set<number>();
  for (const w of wanted) {
    if (w === 'min') ranks.add(0);
    else if (w === 'max') ranks.add(total - 1);
    else {
      const { lo, hi } = positions(PERCENTILES[w], total);
      ranks.add(lo).add(hi);
    }
  }
  return [...ranks];
}

/** The minute holding the rank-th smallest duration, and how many smaller ones came before it. */
function locate(h: MinuteHistogram, rank: number): { minute: number; before: number } {
  let before = 0;
  for (let i = 0; i < h.minutes.length; i++) {
    const n = h.counts[i] ?? 0;
    if (before + n > rank) return { minute: h.minutes[i] ?? 0, before };
    before += n;
  }
  throw new Error(`rank ${rank} outside a histogram of ${h.total}`);
}

/** The minute whose seconds a threshold may split: every later minute lies wholly over it. */
function splitMinute(overSeconds: number): number {
  return Math.floor(overSeconds / 60);
}

/** Which minutes' per-second counts `summarize` will need for this histogram and threshold. */
export function minutesToOpen(h: MinuteHistogram, overSeconds: number, wanted: readonly Statistic[] = ALL_STATISTICS): number[] {
  if (h.total <= 0) return [];
  const minutes = new Set(ranksNeeded(h.total, wanted).map((r) => locate(h, r).minute));
  const split = splitMinute(overSeconds);
  if (h.minutes.includes(split)) minutes.add(split);
  return [...minutes];
}

function valueAt(h: MinuteHistogram, seconds: SecondCounts, rank: number): number {
  const { minute, before } = locate(h, rank);
  const inside = seconds.get(minute);
  if (!inside) throw new Error(`minute ${minute} was not read`);
  let upto = before;
  for (let s = 0; s < 60; s++) {
    upto += inside[s] ?? 0;
    if (upto > rank) return minute * 60 + s;
  }
  throw new Error(`minute ${minute}'s seconds do not add up to its count`);
}

/**
 * Exact percentile_cont over whole seconds: with N values sorted and h = p·(N−1), the result is
 * v[⌊h⌋] + (h − ⌊h⌋)·(v[⌈h⌉] − v[⌊h⌋]), in float8 in PostgreSQL's order of operations (float8_lerp).
 */
export function summarize(
  h: MinuteHistogram, seconds: SecondCounts, overSeconds: number, wanted: readonly Statistic[] = ALL_STATISTICS,
): DurationSummary {
  const pct = {} as Record<PercentileName, number>;
  for (const [name, p] of Object.entries(PERCENTILES) as [PercentileName, number][]) {
    if (!wanted.includes(name)) {
      pct[name] = Number.NaN;
      continue;
    }
    const { lo, hi, h: at } = positions(p, h.total);
    const a = valueAt(h, seconds, lo);
    const b = hi === lo ? a : valueAt(h, seconds, hi);
    pct[name] = a + ((at - Math.floor(at)) * (b - a));
  }
  const split = splitMinute(overSeconds);
  let over = 0;
  h.minutes.forEach((minute, i) => {
    if (minute > split) over += h.counts[i] ?? 0;
    else if (minute === split) {
      const inside = seconds.get(minute) ?? [];
      for (let s = 0; s < 60; s++) if (minute * 60 + s > overSeconds) over += inside[s] ?? 0;
    }
  });
  return {
    n: h.total, over, pct,
    min: wanted.includes('min') ? valueAt(h, seconds, 0) : Number.NaN,
    max: wanted.includes('max') ? valueAt(h, seconds, h.total - 1) : Number.NaN,
  };
}
