import { parseArgs } from 'node:util';
import { listFlags } from '../../../sql/compliance/flag-actions.ts';
import type { FlagEvidence } from '../../../sql/compliance/flags.ts';
import { monthPeriod } from '../../../sql/compliance/period.ts';
import { FLAG_STATUSES, type FlagRow, type FlagStatus } from '../../../sql/schema/compliance.ts';
import { UsageError, writeLine, type CliIo } from '../io.ts';
import { withDatabase } from '../with-database.ts';
import { resolveOfficeArgs } from './compliance.ts';

export const summary = 'list compliance flags: vitrina flags [--status open,confirmed] [--office CODE] [--month YYYY-MM] [--json]';

function parseStatuses(values: readonly string[] | undefined): FlagStatus[] | undefined {
  const list = values?.flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean);
  if (!list?.length) return undefined;
  for (const s of list) {
    if (!(FLAG_STATUSES as readonly string[]).includes(s)) throw new UsageError(`unknown status "${s}"; expected ${FLAG_STATUSES.join(', ')}`);
  }
  return list as FlagStatus[];
}

/** One flag as the CLI and its JSON show it. */
export function flagView(f: FlagRow): Record<string, unknown> {
  return {
    id: Number(f.id), office: f.office_code, rule: f.rule, month: f.month.slice(0, 7), status: f.status, deadline: f.deadline,
    opened_at: f.opened_at.toISOString(), updated_at: f.updated_at.toISOString(), evidence: f.evidence,
  };
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      status: { type: 'string', multiple: true }, office: { type: 'string', multiple: true },
      month: { type: 'string' }, json: { type: 'boolean', default: false },
    },
  });
  const status = parseStatuses(values.status);
  const offices = resolveOfficeArgs(values.office);
  if (values.month && !/^\d{4}-(0[1-9]|1[0-2])$/.test(values.month)) throw new UsageError(`--month must be YYYY-MM, got "${values.month}"`);
  const month = values.month ? monthPeriod(values.month).from : undefined;
  return withDatabase('vitrina flags', async ({ db }) => {
    const flags = await listFlags(db, { status, offices, month });
    if (values.json) {
      writeLine(io.stdout, JSON.stringify({ flags: flags.map(flagView) }));
      return 0;
    }
    if (!flags.length) {
      writeLine(io.stdout, 'No flags.');
      return 0;
    }
    for (const f of flags) {
      const ev = f.evidence as Partial<FlagEvidence>;
      const deadline = f.deadline ? `, deadline ${f.deadline}` : '';
      writeLine(io.stdout, `#${f.id} ${f.month.slice(0, 7)} ${f.office_code} ${f.rule} — ${f.status}${deadline}: ${(ev.lines ?? []).join('; ')}`);
    }
    return 0;
  });
}
