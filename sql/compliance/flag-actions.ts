import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { FlagActionRow, FlagRow, FlagStatus } from '../schema/compliance.ts';
import { isCalendarDate } from './period.ts';

/** What an inspector can do to a flag. */
export type InspectorAction = 'confirm' | 'dismiss' | 'set_deadline' | 'resolve' | 'comment';

export interface FlagActionInput {
  flagId: string | number;
  action: InspectorAction;
  note?: string | undefined;
  /** 'YYYY-MM-DD', for set_deadline. */
  deadline?: string | undefined;
  actor: string;
}

export type FlagActionErrorCode = 'not_found' | 'invalid_transition' | 'missing_reason' | 'bad_deadline' | 'bad_input';

export class FlagActionError extends Error {
  constructor(readonly code: FlagActionErrorCode, message: string) {
    super(message);
    this.name = 'FlagActionError';
  }
}

/** From which statuses each action is allowed, and the status it leaves (null: unchanged). */
const TRANSITIONS: Record<InspectorAction, { from: readonly FlagStatus[]; to: FlagStatus | null }> = {
  confirm: { from: ['open', 'dismissed'], to: 'confirmed' },
  dismiss: { from: ['open', 'confirmed'], to: 'dismissed' },
  set_deadline: { from: ['open', 'confirmed'], to: null },
  resolve: { from: ['open', 'confirmed'], to: 'resolved' },
  comment: { from: ['open', 'confirmed', 'dismissed', 'resolved'], to: null },
};

function validate(input: FlagActionInput): { note: string | null; deadline: string | null } {
  if (!(input.action in TRANSITIONS)) throw new FlagActionError('bad_input', `unknown action "${input.action}"`);
  if (!input.actor.trim()) throw new FlagActionError('bad_input', 'an action needs the actor who took it');
  if (!/^\d+$/.test(String(input.flagId))) throw new FlagActionError('bad_input', `flag id must be a number, got "${input.flagId}"`);
  const note = input.note?.trim() || null;
  if ((input.action === 'dismiss' || input.action === 'comment') && !note) {
    throw new FlagActionError('missing_reason', input.action === 'dismiss' ? 'dismissing a flag needs a reason' : 'a comment needs text');
  }
  const deadline = input.deadline ?? null;
  if (input.action === 'set_deadline' && (!deadline || !isCalendarDate(deadline))) {
    throw new FlagActionError('bad_deadline', `a deadline must be a date YYYY-MM-DD, got "${deadline ?? ''}"`);
  }
  return { note, deadline: input.action === 'set_deadline' ? deadline : null };
}

/**
 * An inspector's action on a flag: changes its status or deadline and appends the action to the
 * audit trail in one statement, so neither happens without the other.
 */
export async function actOnFlag(db: Kysely<Database>, input: FlagActionInput): Promise<{ flag: FlagRow; action: FlagActionRow }> {
  const { note, deadline } = validate(input);
  const rule = TRANSITIONS[input.action];
  const id = String(input.flagId);
  const r = await sql<FlagActionRow>`
    with f as (
      update flags set status = coalesce(${rule.to}::text, status),
        deadline = case when ${deadline}::date is not null then ${deadline}::date else deadline end, updated_at = now()
      where id = ${id}::bigint and status = any(${[...rule.from]}::text[]) returning id)
    insert into flag_actions (flag_id, actor, action, note, deadline)
    select id, ${input.actor}, ${input.action}, ${note}, ${deadline}::date from f returning *`.execute(db);
  const flag = await db.selectFrom('flags').selectAll().where('id', '=', id).executeTakeFirst();
  if (!flag) throw new FlagActionError('not_found', `no flag ${id}`);
  const action = r.rows[0];
  if (!action) {
    throw new FlagActionError('invalid_transition', `cannot ${input.action.replace('_', ' ')} a flag that is ${flag.status}`);
  }
  return { flag, action };
}

export interface FlagFilter {
  status?: readonly FlagStatus[] | undefined;
  offices?: readonly string[] | undefined;
  /** 'YYYY-MM-DD' first day of the month. */
  month?: string | undefined;
}

/** Flags, newest month first, then office and rule. */
export function listFlags(db: Kysely<Database>, filter: FlagFilter = {}): Promise<FlagRow[]> {
  let q = db.selectFrom('flags').selectAll();
  if (filter.status?.length) q = q.where('status', 'in', [...filter.status]);
  if (filter.offices?.length) q = q.where('office_code', 'in', [...filter.offices]);
  if (filter.month) q = q.where('month', '=', filter.month);
  return q.orderBy('month', 'desc').orderBy('office_code').orderBy('rule').execute();
}

/** A flag's audit trail, oldest first. */
export function getFlagActions(db: Kysely<Database>, flagId: string | number): Promise<FlagActionRow[]> {
  return db.selectFrom('flag_actions').selectAll().where('flag_id', '=', String(flagId)).orderBy('id').execute();
}
