import { parseArgs } from 'node:util';
import { listAllCases, type CaseListRow } from '../../sql/compliance/case-list.ts';
import type { FlagEvidence } from '../../sql/compliance/flags.ts';
import { almatyToday, monthPeriod } from '../../domain/calendar.ts';
import { CASE_STATUSES, type CaseStatus } from '../../domain/flag-workflow.ts';
import { RULES, type Rule } from '../../domain/rules.ts';
import { UsageError, writeLine, type CliIo } from '../io.ts';
import { withDatabase } from '../with-database.ts';
import { resolveOfficeArgs } from './compliance.ts';

export const summary = 'list compliance cases: vitrina flags [--status open,confirmed] [--office CODE] [--rule R] [--month YYYY-MM] [--json]';

function parseStatuses(values: readonly string[] | undefined): CaseStatus[] | undefined {
  const list = values?.flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean);
  if (!list?.length) return undefined;
  for (const s of list) {
    if (!(CASE_STATUSES as readonly string[]).includes(s)) throw new UsageError(`unknown status "${s}"; expected ${CASE_STATUSES.join(', ')}`);
  }
  return list as CaseStatus[];
}

function parseRule(value: string | undefined): Rule | undefined {
  if (value === undefined) return undefined;
  if (!(RULES as readonly string[]).includes(value)) throw new UsageError(`unknown rule "${value}"; expected ${RULES.join(', ')}`);
  return value as Rule;
}

/** One case exactly as `vitrina flags --json` prints it (contract §5), keys in the contract's order. */
export function caseJson(f: Pick<CaseListRow, 'id' | 'office_code' | 'rule' | 'status' | 'months' | 'opened_at' | 'deadline'>) {
  return {
    id: Number(f.id), office: f.office_code, rule: f.rule, status: f.status,
    months: f.months.map((m) => m.slice(0, 7)), opened_at: f.opened_at.toISOString(), deadline: f.deadline,
  };
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      status: { type: 'string', multiple: true }, office: { type: 'string', multiple: true }, rule: { type: 'string' },
      month: { type: 'string' }, json: { type: 'boolean', default: false },
    },
  });
  const status = parseStatuses(values.status);
  const offices = resolveOfficeArgs(values.office);
  const rule = parseRule(values.rule);
  if (values.month && !/^\d{4}-(0[1-9]|1[0-2])$/.test(values.month)) throw new UsageError(`--month must be YYYY-MM, got "${values.month}"`);
  const month = values.month ? monthPeriod(values.month).from : undefined;
  return withDatabase('vitrina flags', async ({ db }) => {
    const cases = await listAllCases(db, { status, offices, rule, month, sort: 'office', today: almatyToday() });
    if (values.json) {
      writeLine(io.stdout, JSON.stringify({ flags: cases.map(caseJson) }));
      return 0;
    }
    if (!cases.length) {
      writeLine(io.stdout, 'No cases.');
      return 0;
    }
    for (const f of cases) {
      const ev = f.evidence as Partial<FlagEvidence>;
      const span = f.months.length > 1 ? `${f.months[0]!.slice(0, 7)}…${f.months.at(-1)!.slice(0, 7)}` : f.month.slice(0, 7);
      const deadline = f.deadline ? `, deadline ${f.deadline}${f.overdue ? ' (overdue)' : ''}` : '';
      writeLine(io.stdout, `#${f.id} ${f.office_code} ${f.rule} ${span} — ${f.status}${deadline}: ${(ev.lines ?? []).join('; ')}`);
    }
    return 0;
  });
}
