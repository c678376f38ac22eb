/** What an aggregate covers: Almaty days [from, to) and the offices of the filter (never empty). */
export interface Scope {
  from: string;
  to: string;
  offices: readonly string[];
}
