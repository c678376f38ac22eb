import { parseArgs } from 'node:util';
import { getCaseMonths } from '../../sql/compliance/case-list.ts';
import { actOnFlag, FlagActionError, getFlagActions, type InspectorAction } from '../../sql/compliance/flag-actions.ts';
import { UsageError, writeLine, type CliIo } from '../io.ts';
import { withDatabase } from '../with-database.ts';
import { cliActor } from './compliance.ts';
import { caseJson } from './flags.ts';

export const summary = 'show or act on a case: vitrina flag ID [confirm|dismiss|deadline|resolve|comment] [--note TEXT] [--deadline DATE] [--seen DATE] [--inspection ID]';

const ACTIONS: Record<string, InspectorAction> = {
  confirm: 'confirm', dismiss: 'dismiss', deadline: 'set_deadline', set_deadline: 'set_deadline', resolve: 'resolve', comment: 'comment',
};

/** vitrina flag ID [ACTION]: without an action prints the case and its audit trail. */
export async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: {
      note: { type: 'string' }, deadline: { type: 'string' }, seen: { type: 'string' }, inspection: { type: 'string' },
      actor: { type: 'string' }, json: { type: 'boolean', default: false },
    },
  });
  const [id, verb, ...rest] = positionals;
  if (!id || !/^\d+$/.test(id) || rest.length) throw new UsageError('expected: vitrina flag ID [confirm|dismiss|deadline|resolve|comment]');
  const action = verb === undefined ? undefined : ACTIONS[verb];
  if (verb !== undefined && !action) throw new UsageError(`unknown action "${verb}"; expected ${Object.keys(ACTIONS).join(', ')}`);
  return withDatabase('vitrina flag', async ({ db }) => {
    if (action) {
      try {
        await actOnFlag(db, {
          flagId: id, action, note: values.note, deadline: values.deadline, seen: values.seen, inspectionId: values.inspection,
          actor: values.actor ?? cliActor(),
        });
      } catch (err) {
        if (err instanceof FlagActionError && err.code !== 'not_found') throw new UsageError(err.message);
        throw err;
      }
    }
    const flag = await db.selectFrom('flags').selectAll().where('id', '=', id).executeTakeFirst();
    if (!flag) {
      writeLine(io.stderr, `vitrina flag: no case ${id}`);
      return 1;
    }
    const months = (await getCaseMonths(db, id)).map((m) => m.month);
    const trail = await getFlagActions(db, id);
    if (values.json) {
      writeLine(io.stdout, JSON.stringify({ flag: { ...caseJson({ ...flag, months }), closed_on: flag.closed_on }, actions: trail.map((a) => ({
        action: a.action, actor: a.actor, at: a.acted_at.toISOString(), note: a.note, deadline: a.deadline, month: a.month, seen_on: a.seen_on })) }));
      return 0;
    }
    const span = months.map((m) => m.slice(0, 7)).join(', ');
    writeLine(io.stdout, `#${flag.id} ${flag.office_code} ${flag.rule} (${span}): ${flag.status}${flag.closed_on ? ` on ${flag.closed_on}` : ''}`
      + `${flag.deadline ? `, deadline ${flag.deadline}` : ''}`);
    for (const a of trail) {
      writeLine(io.stdout, `  ${a.acted_at.toISOString()} ${a.actor} ${a.action}${a.month ? ` [${a.month.slice(0, 7)}]` : ''}`
        + `${a.deadline ? ` ${a.deadline}` : ''}${a.seen_on ? ` seen ${a.seen_on}` : ''}${a.note ? `: ${a.note}` : ''}`);
    }
    return 0;
  });
}
