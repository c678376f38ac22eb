import type { NormalizeResult, NormalizedVisit, RawRecord, VisitField } from '../model.ts';
import type { QuarantineReason } from '../../domain/visit-codes.ts';
import { describeValue } from './describe-value.ts';
import { almatyMinute, wallDate, wallToInstant } from '../../domain/calendar.ts';
import { memoByText } from './memo-by-text.ts';
import { parseChannel } from './parse-channel.ts';
import { parseFlag } from './parse-flag.ts';
import { parseOutcome } from './parse-outcome.ts';
import { createIinPseudonymizer } from './pseudonymize-iin.ts';
import type { OfficeResolver } from './resolve-office.ts';
import { resolveVisitTimes, type VisitTimes } from './resolve-visit-times.ts';
import { scrubIin } from './scrub-iin.ts';
import { cellText, freeText, freeTextOrNull } from './text-value.ts';
import { visitKey } from './visit-key.ts';

export { MissingIinKeyError } from './pseudonymize-iin.ts';

export interface VisitNormalizerContext {
  resolver: OfficeResolver;
  /** The office the file name names, used for rows without an office column value. */
  fileOffice: string | null;
  /** Time of the run: arrivals more than a day later are out of range. */
  now: Date;
  /** VITRINA_IIN_KEY; null makes the first row with a valid IIN throw MissingIinKeyError. */
  iinKey: string | null;
  /** When given, the milliseconds spent hashing (IIN pseudonyms, identities) are added to it. */
  hashTime?: { ms: number };
}

const DAY = 86_400_000;
const MINUTE = 60_000;
/** Nothing before 2018-01-01 on the Almaty wall clock is in range (data contract §5). */
const EARLIEST = wallToInstant(Date.UTC(2018, 0, 1));
const STEPS = ['admitted_at', 'started_at', 'finished_at'] as const;

function quarantine(reason: QuarantineReason, detail: string): NormalizeResult {
  return { ok: false, reason, detail };
}

/**
 * Normalises and validates visit rows (data contract §2, §5). Reasons are checked in the contract's
 * order: malformed, bad_time, unknown_office, time_order, out_of_range. An invalid IIN, an unknown
 * service or an empty topic never quarantine a row.
 */
export function createVisitNormalizer(ctx: VisitNormalizerContext): (rec: RawRecord<VisitField>) => NormalizeResult {
  const latest = ctx.now.getTime() + DAY;
  const pseudonymize = createIinPseudonymizer(ctx.iinKey);
  const outcomeOf = memoByText(parseOutcome);
  const channelOf = memoByText(parseChannel);
  const flagOf = memoByText(parseFlag);

  function officeOf(value: RawRecord['values'] & object): string | { detail: string } {
    const written = cellText(value.office);
    if (written === '') {
      return ctx.fileOffice ?? { detail: 'office: expected an office code or name in the row or the file name, found neither' };
    }
    // The row's own column wins over the file name.
    return ctx.resolver.resolve(written)
      ?? { detail: `office: expected an office code or name from the registry, found ${describeValue(value.office)}` };
  }

  return (rec) => {
    const v = rec.values;
    if (v === null) return quarantine('malformed', scrubIin(rec.malformed ?? 'the line could not be split into the header\'s fields'));

    const timed = resolveVisitTimes(v);
    if (!timed.ok) return quarantine('bad_time', timed.detail);
    const t = timed.times;

    const office = officeOf(v);
    if (typeof office !== 'string') return quarantine('unknown_office', office.detail);

    const disorder = timeOrderProblem(t);
    if (disorder !== null) return quarantine('time_order', disorder);
    if (t.arrived < EARLIEST) {
      return quarantine('out_of_range', `arrived_at: expected 2018-01-01 or later, found ${almatyMinute(t.arrived)} (Almaty)`);
    }
    if (t.arrived > latest) {
      return quarantine('out_of_range',
        `arrived_at: expected no later than a day after the run (${almatyMinute(latest)}), found ${almatyMinute(t.arrived)} (Almaty)`);
    }

    const topic = freeText(v.topic_text);
    const ref = cellText(v.visit_ref);
    const arrivalDate = wallDate(t.arrivedWall);
    const hashStart = ctx.hashTime ? performance.now() : 0;
    const iin = pseudonymize(v.iin);
    const key = visitKey({
      office_code: office, visit_ref: ref, arrival_date: arrivalDate, arrived_at: t.arrived, visitor_hash: iin.hash, topic_text: topic,
    });
    if (ctx.hashTime) ctx.hashTime.ms += performance.now() - hashStart;
    const { outcome, outcome_text } = outcomeOf(v.outcome);
    const visit: NormalizedVisit = {
      office_code: office,
      visit_key: key,
      visit_ref: ref === '' ? null : ref,
      arrived_at: t.arrived,
      arrival_date: arrivalDate,
      admitted_at: t.admitted,
      started_at: t.started,
      finished_at: t.finished,
      topic_text: topic,
      service: freeTextOrNull(v.service),
      outcome,
      outcome_text: outcome_text === null ? null : freeText(outcome_text),
      visitor_hash: iin.hash,
      iin_status: iin.status,
      phone_surrendered: flagOf(v.phone_surrendered),
      checkpoint_questioned: flagOf(v.checkpoint_questioned),
      specialist_called_at: t.specialistCalled,
      specialist_arrived_at: t.specialistArrived,
      channel: channelOf(v.channel),
      source_line: rec.line,
      source_sheet: rec.sheet,
    };
    return { ok: true, visit };
  };
}

/**
 * arrived ≤ admitted ≤ started ≤ finished, each compared with the nearest earlier non-empty time;
 * up to a minute early is tolerated (clocks of a guard post and a terminal differ).
 */
function timeOrderProblem(t: VisitTimes): string | null {
  let previous = t.arrived;
  let previousName = 'arrived_at';
  const values = [t.admitted, t.started, t.finished];
  for (let i = 0; i < STEPS.length; i++) {
    const value = values[i];
    if (value === null || value === undefined) continue;
    if (value < previous - MINUTE) {
      const minutes = Math.round((previous - value) / MINUTE);
      return `${STEPS[i]}: expected no earlier than ${previousName} ${almatyMinute(previous)}, `
        + `found ${almatyMinute(value)} (${minutes} min before)`;
    }
    previous = value;
    previousName = STEPS[i]!;
  }
  return null;
}
