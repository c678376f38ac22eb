import os from 'node:os';
import { parseArgs } from 'node:util';
import { config } from '../../domain/config.ts';
import { ComplianceInputError, judgeOffices, toRuleResult, type ComplianceReport } from '../../sql/compliance/evaluate.ts';
import { recordEvaluation } from '../../sql/compliance/evaluations.ts';
import { applyMonthVerdicts, type FlagRefresh } from '../../sql/compliance/flags.ts';
import { calendarMonthOf, isCalendarDate } from '../../domain/calendar.ts';
import { RULES } from '../../domain/rules.ts';
import { readRegistry, registryOffices } from '../../sql/registry.ts';
import { createOfficeResolver } from '../../etl/transform/resolve-office.ts';
import { UsageError, writeLine, type CliIo } from '../io.ts';
import { withDatabase } from '../with-database.ts';

export const summary = 'judge the offices against the order: vitrina compliance --from DATE --to DATE [--office CODE] [--json]';

/** Resolves --office values (codes or names, as anywhere else) to codes. */
export function resolveOfficeArgs(names: readonly string[] | undefined): string[] | undefined {
  if (!names?.length) return undefined;
  const resolver = createOfficeResolver(registryOffices(readRegistry(config.regions)));
  return names.map((name) => {
    const code = resolver.resolve(name);
    if (!code) throw new UsageError(`unknown office "${name}"; expected a code such as SRK or an office name`);
    return code;
  });
}

/** Who ran the command, for the audit trail; some containers have no user name. */
export function cliActor(): string {
  try {
    return `cli:${os.userInfo().username}`;
  } catch {
    return 'cli';
  }
}

/**
 * vitrina compliance: evaluates [from, to) (Almaty calendar days) and prints the contract's JSON
 * or a table. A period that is exactly one calendar month also opens, keeps or reopens its flags;
 * any other period only reports.
 */
export async function run(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { from: { type: 'string' }, to: { type: 'string' }, office: { type: 'string', multiple: true }, json: { type: 'boolean', default: false } },
  });
  const { from, to } = values;
  if (!from || !to || !isCalendarDate(from) || !isCalendarDate(to)) {
    throw new UsageError('--from and --to are required, as YYYY-MM-DD (Almaty calendar days, [from, to))');
  }
  if (to <= from) throw new UsageError(`--to (${to}) must be after --from (${from})`);
  const offices = resolveOfficeArgs(values.office);
  const actor = cliActor();
  return withDatabase('vitrina compliance', async ({ db }) => {
    const judged = await judgeOffices(db, { from, to, offices }).catch((err: unknown) => {
      throw err instanceof ComplianceInputError ? new UsageError(err.message) : err;
    });
    const month = calendarMonthOf({ from, to });
    const evaluationId = await recordEvaluation(db, { actor, period: { from, to }, offices, thresholds: judged.thresholds, flagsMonth: month });
    const flags = month ? await applyMonthVerdicts(db, month, judged.offices, judged.thresholds, evaluationId, actor) : null;
    const report: ComplianceReport = { offices: judged.offices.map((o) => ({ office: o.office, rules: o.rules.map(toRuleResult) })) };
    if (values.json) writeLine(io.stdout, JSON.stringify(report));
    else writeLine(io.stdout, renderTable(report, from, to, flags));
    return 0;
  });
}

const SHORT: Record<string, string> = { ok: 'ok', breach: 'BREACH', no_data: '—' };

function cell(status: string, value: number | null, small: boolean): string {
  const v = value === null ? '' : ` ${Number.isInteger(value) ? value : value.toFixed(2)}`;
  return `${SHORT[status] ?? status}${v}${small ? '*' : ''}`;
}

function renderTable(report: ComplianceReport, from: string, to: string, flags: FlagRefresh | null): string {
  const header = ['office', ...RULES];
  const rows = report.offices.map((o) => [o.office, ...RULES.map((code) => {
    const r = o.rules.find((x) => x.rule === code);
    return r ? cell(r.status, r.value, Boolean(r.small_sample)) : '';
  })]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  const out = [`Compliance ${from} – ${to} (Almaty days, end exclusive). Values: minutes, shares 0–1, days; * small sample; — no data.`, '',
    line(header), ...rows.map(line), ''];
  for (const o of report.offices) {
    for (const r of o.rules.filter((x) => x.status === 'breach')) out.push(`${o.office} ${r.rule}: ${r.evidence.join('; ')}`);
  }
  if (flags) out.push('', `Cases for ${flags.month.slice(0, 7)}: ${flags.opened} opened, ${flags.added} extended to the month, ${flags.updated} updated, ${flags.kept} unchanged, ${flags.held} held by a closed case.`);
  else out.push('', 'Not a single calendar month: reported only, flags unchanged.');
  return out.join('\n');
}
