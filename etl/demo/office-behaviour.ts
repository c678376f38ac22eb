import type { Category } from '../../domain/categories.ts';
import type { Outcome } from '../../domain/visit-codes.ts';
import type { Rng } from './prng.ts';
import { DEMO_SCENARIO, type DemoOffice } from './scenario.ts';

/** How one office treats its visitors; the scenario's deviations are here and nowhere else. */
export interface OfficeBehaviour {
  /** Seconds from arrival to admission. */
  admissionDelay(rng: Rng): number;
  /** Seconds of service for an accepted statement, and for anything else. */
  statementService(rng: Rng): number;
  otherService(rng: Rng): number;
  /** Share of visitors who leave (or are turned away) before being admitted. */
  leftShare: number;
  phoneShare: number;
  questionedShare: number;
  /** Share of visits (of the categories below) for which no specialist was on site. */
  specialistCallShare: number;
  roundTheClock: boolean;
}

// Clean offices: 85 % admitted within 2.5 min, 12 % within 4.5 min, 3 % wait 5–8 min (p90 < 5 min).
function cleanDelay(rng: Rng): number {
  const r = rng.next();
  if (r < 0.85) return rng.int(0, 150);
  if (r < 0.97) return rng.int(150, 270);
  return rng.int(300, 480);
}

const CLEAN: OfficeBehaviour = {
  admissionDelay: cleanDelay,
  statementService: (rng) => rng.int(300, 780),
  otherService: (rng) => rng.int(120, 900),
  leftShare: 0.02,
  phoneShare: 0,
  questionedShare: 0.012,
  specialistCallShare: 0.06,
  roundTheClock: false,
};

// Behind the guard post: a pass is written out, the phone handed in, then the wait for an escort.
const GUARD_POST: OfficeBehaviour = {
  admissionDelay: (rng) => rng.int(600, 2400),
  statementService: (rng) => rng.int(1800, 2700),
  otherService: (rng) => rng.int(300, 1200),
  leftShare: 0.08,
  phoneShare: 0.87,
  questionedShare: 0.92,
  specialistCallShare: 0.1,
  roundTheClock: false,
};

export function officeBehaviour(office: DemoOffice): OfficeBehaviour {
  if (office === DEMO_SCENARIO.guardPostOffice) return GUARD_POST;
  if (office === DEMO_SCENARIO.roundTheClockOffice) return { ...CLEAN, roundTheClock: true, specialistCallShare: 0.02 };
  // Two questioned visitors out of 25 would already be 8 %: a small office's guard asks no one.
  if ((DEMO_SCENARIO.smallSampleOffices as readonly string[]).includes(office)) return { ...CLEAN, questionedShare: 0 };
  return CLEAN;
}

/** Categories for which a specialist is called when none is on site (migration, juvenile, weapons officers). */
export const SPECIALIST_CATEGORIES: ReadonlySet<Category> = new Set(['migration', 'juvenile', 'weapons']);

const OUTCOMES_BY_KIND: Record<'crime' | 'complaint' | 'question' | 'service', readonly [Outcome, number][]> = {
  crime: [['statement_accepted', 0.75], ['consultation', 0.2], ['referred', 0.05]],
  complaint: [['statement_accepted', 0.6], ['consultation', 0.4]],
  question: [['consultation', 0.9], ['referred', 0.1]],
  service: [['consultation', 0.55], ['referred', 0.3], ['statement_accepted', 0.1], ['refused', 0.05]],
};

const KIND: Readonly<Record<Category, keyof typeof OUTCOMES_BY_KIND>> = {
  theft: 'crime', fraud: 'crime', violence: 'crime', missing: 'crime', complaint: 'complaint',
  consultation: 'question', unspecified: 'question', documents: 'service', migration: 'service',
  weapons: 'service', traffic: 'service', administrative: 'service', juvenile: 'service',
};

export function pickOutcome(rng: Rng, category: Category): Outcome {
  let r = rng.next();
  const options = OUTCOMES_BY_KIND[KIND[category]];
  for (const [outcome, p] of options) {
    if (r < p) return outcome;
    r -= p;
  }
  return options[0]![0];
}
