import type { QuarantineReason } from '../../domain/visit-codes.ts';
import type { InspectionField, NormalizeInspectionResult, RawRecord } from '../model.ts';
import { describeValue } from './describe-value.ts';
import { almatyMinute } from '../../domain/calendar.ts';
import { parseFlag } from './parse-flag.ts';
import { toInstant } from './parse-local-time.ts';
import { parseTimeValue } from './parse-time-value.ts';
import type { OfficeResolver } from './resolve-office.ts';
import { scrubIin } from './scrub-iin.ts';
import { cellText, freeText } from './text-value.ts';

export interface InspectionNormalizerContext {
  resolver: OfficeResolver;
  /** The office the file name names, for rows without an office value. */
  fileOffice: string | null;
  /** Time of the run: inspections more than a day later are out of range. */
  now: Date;
}

const DAY = 86_400_000;

function quarantine(reason: QuarantineReason, detail: string): NormalizeInspectionResult {
  return { ok: false, reason, detail };
}

/**
 * Normalises inspection rows (data contract §3): the office must resolve, inspected_at is a date-time
 * or a date (its Almaty midnight), the findings are yes/no flags (unrecognised → null, never false),
 * free text has IINs scrubbed.
 */
export function createInspectionNormalizer(
  ctx: InspectionNormalizerContext,
): (rec: RawRecord<InspectionField>) => NormalizeInspectionResult {
  const latest = ctx.now.getTime() + DAY;
  return (rec) => {
    const v = rec.values;
    if (v === null) return quarantine('malformed', scrubIin(rec.malformed ?? 'the line could not be split into the header\'s fields'));

    const parsed = parseTimeValue(v.inspected_at);
    const at = toInstant(parsed);
    if (at === null) {
      return quarantine('bad_time', `inspected_at: expected a date or a date and time (DD.MM.YYYY, YYYY-MM-DD HH:MM, ISO 8601), found ${describeValue(v.inspected_at)}`);
    }

    const written = cellText(v.office);
    const office = written === '' ? ctx.fileOffice : ctx.resolver.resolve(written);
    if (office === null) {
      return quarantine('unknown_office', written === ''
        ? 'office: expected an office code or name, found nothing'
        : `office: expected an office code or name from the registry, found ${describeValue(v.office)}`);
    }
    if (at > latest) {
      return quarantine('out_of_range',
        `inspected_at: expected no later than a day after the run (${almatyMinute(latest)}), found ${almatyMinute(at)} (Almaty)`);
    }

    return {
      ok: true,
      inspection: {
        office_code: office,
        inspected_at: new Date(at),
        inspector: freeText(v.inspector),
        bars_on_windows: parseFlag(v.bars_on_windows),
        bars_on_doors: parseFlag(v.bars_on_doors),
        inside_secured_perimeter: parseFlag(v.inside_secured_perimeter),
        phones_collected_at_entrance: parseFlag(v.phones_collected_at_entrance),
        guard_questions_visitors: parseFlag(v.guard_questions_visitors),
        signage_present: parseFlag(v.signage_present),
        notes: freeText(v.notes),
        source_line: rec.line,
      },
    };
  };
}
