import type { Category } from '../../domain/categories.ts';
import { CATEGORIES } from '../../domain/categories.ts';
import type { Channel, Outcome } from '../../domain/visit-codes.ts';
import { addDays, almatyToday } from '../../domain/calendar.ts';
import { demoDays, type DemoDay } from './almaty-time.ts';
import { randomInvalidIin, randomValidIin } from './iin.ts';
import { mangleTopic } from './mangle-topic.ts';
import { officeBehaviour, pickOutcome, SPECIALIST_CATEGORIES } from './office-behaviour.ts';
import { CATEGORY_SERVICE, CATEGORY_WEIGHTS, TOPIC_PHRASES } from './phrases.ts';
import { createRng, cumulate, deriveSeed, pickWeighted, type Rng } from './prng.ts';
import { arrivalSeconds, visitCount } from './visit-volume.ts';
import { DEMO_OFFICES, DEMO_SCENARIO, silentFromIndex, type DemoOffice } from './scenario.ts';

/**
 * One generated visit. Times are seconds since local (Almaty) midnight of `date`; a value of 86400
 * or more is after midnight (the round-the-clock office). null = did not happen (left before admission).
 */
export interface DemoVisit {
  office: DemoOffice;
  /** Index into GeneratedPeriod.days. */
  dayIndex: number;
  date: string;
  /** Ticket number; restarts at 1 every day. */
  ticket: number;
  arrived: number;
  admitted: number | null;
  started: number | null;
  finished: number | null;
  specialistCalled: number | null;
  specialistArrived: number | null;
  topic_text: string;
  /** The category the phrase was drawn from (what a good classifier should say). */
  category: Category;
  service: string | null;
  outcome: Outcome | null;
  iin: string | null;
  iinKind: 'valid' | 'invalid' | 'absent';
  phone_surrendered: boolean;
  checkpoint_questioned: boolean;
  channel: Channel;
}

export interface GenerateOptions {
  /** Calendar days to cover, ending with endDate (inclusive). */
  days: number;
  /** Last day, 'YYYY-MM-DD' in Almaty; default yesterday in Asia/Almaty. */
  endDate?: string;
  seed?: number;
  offices?: readonly DemoOffice[];
  /** Multiplies every office's volume (benchmarks use it to reach millions of rows). */
  scale?: number;
}

export const DEFAULT_SEED = 2019;

export function defaultEndDate(now: Date = new Date()): string {
  return addDays(almatyToday(now), -1);
}

/** The calendar of a demo period (days[days.length - 1] is the day after the period). */
export function periodDays(opts: Pick<GenerateOptions, 'days' | 'endDate'>): DemoDay[] {
  if (!Number.isInteger(opts.days) || opts.days < 1) throw new Error(`Expected days ≥ 1, found ${opts.days}`);
  return demoDays(opts.endDate ?? defaultEndDate(), opts.days);
}

const CATEGORY_LIST = CATEGORIES.filter((c) => CATEGORY_WEIGHTS[c] > 0);
const CATEGORY_CUMULATIVE = cumulate(CATEGORY_LIST.map((c) => CATEGORY_WEIGHTS[c]));
const CHANNELS: readonly Channel[] = ['e_queue', 'walk_in', 'appointment', 'duty_unit'];
const CHANNEL_CUMULATIVE = cumulate([60, 30, 5, 5]);

/** Every office's visits, office by office, day by day, in arrival order; lazy, for streaming at scale. */
export function* generateVisits(opts: GenerateOptions): Generator<DemoVisit> {
  const days = periodDays(opts);
  for (const office of opts.offices ?? DEMO_OFFICES) yield* generateOfficeVisits(office, days, opts);
}

/** One office's visits; its stream depends only on the seed and the office, not on the other offices. */
export function* generateOfficeVisits(office: DemoOffice, days: readonly DemoDay[], opts: GenerateOptions): Generator<DemoVisit> {
  const rng = createRng(deriveSeed(opts.seed ?? DEFAULT_SEED, office));
  const behaviour = officeBehaviour(office);
  const silentFrom = office === DEMO_SCENARIO.silentOffice ? silentFromIndex(opts.days) : Infinity;
  const regulars: string[] = [];
  for (let dayIndex = 0; dayIndex < opts.days; dayIndex++) {
    if (dayIndex >= silentFrom) break;
    const day = days[dayIndex]!;
    const count = visitCount(rng, office, day, opts.scale ?? 1);
    const dutyOnly = count === 0 && isFileEdge(days, dayIndex, opts.days);
    const arrivals = arrivalSeconds(rng, day, dutyOnly ? 1 : count, behaviour.roundTheClock);
    for (let i = 0; i < arrivals.length; i++) {
      const visit = makeVisit(rng, office, dayIndex, day.iso, i + 1, arrivals[i]!, behaviour, regulars);
      if (dutyOnly) visit.channel = 'duty_unit';
      yield visit;
    }
  }
}

/**
 * Whether a day opens or closes a file: the first or last day of a month (quarter and year files
 * start and end on month edges too) or of the demo period. A file covers the days from its first to
 * its last arrival (contract §8), so an office that keeps its log records something on those days,
 * if only the duty officer on a closed Sunday; otherwise a month starting on a Sunday would not be
 * covered and the office would drop out of that month's like-for-like comparison.
 */
function isFileEdge(days: readonly DemoDay[], dayIndex: number, length: number): boolean {
  const day = days[dayIndex]!;
  return dayIndex === 0 || dayIndex === length - 1 || day.day === 1 || days[dayIndex + 1]?.month !== day.month;
}

function makeVisit(
  rng: Rng, office: DemoOffice, dayIndex: number, date: string, ticket: number, arrived: number,
  behaviour: ReturnType<typeof officeBehaviour>, regulars: string[],
): DemoVisit {
  const category = pickWeighted(rng, CATEGORY_LIST, CATEGORY_CUMULATIVE);
  const topic_text = mangleTopic(rng, rng.pick(TOPIC_PHRASES[category]));
  const service = rng.chance(0.85) ? rng.pick(CATEGORY_SERVICE[category]) : null;
  const left = rng.chance(behaviour.leftShare);
  const outcome = left ? null : pickOutcome(rng, category);
  let admitted: number | null = null;
  let started: number | null = null;
  let finished: number | null = null;
  let specialistCalled: number | null = null;
  let specialistArrived: number | null = null;
  if (!left) {
    admitted = arrived + behaviour.admissionDelay(rng);
    started = admitted + rng.int(0, 120);
    if (SPECIALIST_CATEGORIES.has(category) && rng.chance(behaviour.specialistCallShare)) {
      specialistCalled = admitted + rng.int(30, 120);
      specialistArrived = specialistCalled + rng.int(600, 1500);
      started = specialistArrived + rng.int(0, 60);
    }
    finished = started + (outcome === 'statement_accepted' ? behaviour.statementService(rng) : behaviour.otherService(rng));
  }
  const { iin, iinKind } = pickIin(rng, regulars);
  return {
    office, dayIndex, date, ticket, arrived, admitted, started, finished, specialistCalled, specialistArrived,
    topic_text, category, service, outcome, iin, iinKind,
    phone_surrendered: rng.chance(behaviour.phoneShare),
    checkpoint_questioned: rng.chance(behaviour.questionedShare),
    channel: outcome === 'statement_accepted' && rng.chance(0.15) ? 'duty_unit' : pickWeighted(rng, CHANNELS, CHANNEL_CUMULATIVE),
  };
}

// About a quarter give no IIN, a few mistype it; one visit in six is someone who came before.
function pickIin(rng: Rng, regulars: string[]): Pick<DemoVisit, 'iin' | 'iinKind'> {
  const r = rng.next();
  if (r < 0.26) return { iin: null, iinKind: 'absent' };
  if (r < 0.3) return { iin: randomInvalidIin(rng), iinKind: 'invalid' };
  if (regulars.length > 20 && r < 0.42) return { iin: rng.pick(regulars), iinKind: 'valid' };
  const iin = randomValidIin(rng);
  if (regulars.length < 300) regulars.push(iin);
  else regulars[rng.int(0, regulars.length - 1)] = iin;
  return { iin, iinKind: 'valid' };
}
