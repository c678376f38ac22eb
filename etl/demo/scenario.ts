/**
 * The problems planted in the demo data, as data: tests of compliance, server and dashboard import
 * this instead of repeating office codes, so the demo and what they expect cannot drift apart.
 */
export const DEMO_SCENARIO = {
  /**
   * Sarkand's front office sits behind the guard post. Its inspections say inside_secured_perimeter,
   * phones_collected_at_entrance and guard_questions_visitors; most of its visits are
   * phone_surrendered = да and checkpoint_questioned = да, admission takes 10–40 min and an accepted
   * statement takes 40+ min from arrival. Breaches: no_bars ok; everything else but reporting breached.
   */
  guardPostOffice: 'SRK',
  /** Bars on windows (ALK) and on windows and doors (KEG) per every inspection; their visits are clean. */
  barsOffices: ['ALK', 'KEG'],
  /**
   * Raiymbek stops reporting: no visits in the last 45 days of the demo (the second half when the
   * demo is shorter than 90 days; see silentFromDate). It has no inspection either.
   */
  silentOffice: 'RMB',
  silentFromDaysBeforeEnd: 45,
  /** Taldykorgan works round the clock: visits at night, some admitted or finished after midnight. */
  roundTheClockOffice: 'TDK',
  /** Offices with so few visits (about one a working day) that a month's verdict is a small sample. */
  smallSampleOffices: ['KSU', 'UYG'],
  /**
   * Everyone else is clean: admission mostly under 3 min (p90 < 5 min), no phone taken, under 2 %
   * questioned at the post, accepted statements within 15–20 min; their inspections find nothing.
   * KSU and UYG are clean too, only small.
   */
  cleanOffices: ['KPG', 'TKL', 'AKS', 'BLH', 'ESK', 'ZHM', 'ILE', 'KRS', 'KRT', 'KRB', 'KSU', 'PNF', 'TLG', 'UYG', 'ENB'],
} as const;

/** Every office of the demo, in registry order. */
export const DEMO_OFFICES = [
  'TDK', 'KPG', 'TKL', 'AKS', 'ALK', 'BLH', 'ESK', 'ZHM', 'ILE', 'KRS',
  'KRT', 'KEG', 'KRB', 'KSU', 'PNF', 'RMB', 'SRK', 'TLG', 'UYG', 'ENB',
] as const;
export type DemoOffice = (typeof DEMO_OFFICES)[number];

/** Mean visits on a full working day (Saturday is a half day, Sunday closed but for the 24-hour office). */
export const DAILY_VOLUME: Readonly<Record<DemoOffice, number>> = {
  TDK: 90, KPG: 55, TKL: 22, AKS: 14, ALK: 18, BLH: 9, ESK: 16, ZHM: 38, ILE: 36, KRS: 40,
  KRT: 15, KEG: 7, KRB: 10, KSU: 0.7, PNF: 24, RMB: 11, SRK: 15, TLG: 35, UYG: 0.9, ENB: 39,
};

/** Index (0 = first demo day) of the first day on which the silent office sends nothing. */
export function silentFromIndex(days: number): number {
  return days - Math.min(DEMO_SCENARIO.silentFromDaysBeforeEnd, Math.floor(days / 2));
}
