import { sql, type Kysely } from 'kysely';
import { TRANSITIONS, allowedActions, type InspectorAction } from '../../domain/flag-workflow.ts';
import type { Database } from '../schema.ts';
import type { FlagActionRow, FlagRow } from '../schema/compliance.ts';
import { almatyDay, almatyToday, isCalendarDate } from '../../domain/calendar.ts';

export type { InspectorAction } from '../../domain/flag-workflow.ts';

export interface FlagActionInput {
  flagId: string | number;
  action: InspectorAction;
  note?: string | undefined;
  /** 'YYYY-MM-DD', for set_deadline: today or later. */
  deadline?: string | undefined;
  /** resolve/dismiss: the day the fix was seen ('YYYY-MM-DD', not after today); default today. */
  seen?: string | undefined;
  /** resolve: the follow-up inspection that showed the fix; its day is the day the fix was seen. */
  inspectionId?: string | number | undefined;
  actor: string;
  /** Almaty day taken as today (tests); the real one when absent. */
  today?: string | undefined;
}

export type FlagActionErrorCode = 'not_found' | 'invalid_transition' | 'missing_reason' | 'bad_deadline' | 'bad_input';

export class FlagActionError extends Error {
  constructor(readonly code: FlagActionErrorCode, message: string) {
    super(message);
    this.name = 'FlagActionError';
  }
}

const VERB: Record<InspectorAction, string> = {
  confirm: 'confirmed', dismiss: 'dismissed', set_deadline: 'given a deadline', resolve: 'resolved', comment: 'commented on',
};

interface Checked { note: string | null; deadline: string | null; seen: string | null; inspectionId: string | null }

function validate(input: FlagActionInput, today: string): Checked {
  if (!(input.action in TRANSITIONS)) throw new FlagActionError('bad_input', `unknown action "${input.action}"`);
  if (!input.actor.trim()) throw new FlagActionError('bad_input', 'an action needs the actor who took it');
  if (!/^\d+$/.test(String(input.flagId))) throw new FlagActionError('bad_input', `case id must be a number, got "${input.flagId}"`);
  const note = input.note?.trim() || null;
  const inspectionId = input.inspectionId === undefined ? null : String(input.inspectionId);
  if (inspectionId !== null && !/^\d+$/.test(inspectionId)) throw new FlagActionError('bad_input', `inspection id must be a number, got "${inspectionId}"`);
  if ((input.action === 'dismiss' || input.action === 'comment') && !note) {
    throw new FlagActionError('missing_reason', input.action === 'dismiss' ? 'dismissing a case needs a reason' : 'a comment needs text');
  }
  if (input.action === 'resolve' && !note && inspectionId === null) {
    throw new FlagActionError('missing_reason', 'resolving a case needs its basis: a follow-up inspection, or a note saying how the fix was seen');
  }
  const deadline = input.action === 'set_deadline' ? input.deadline ?? null : null;
  if (input.action === 'set_deadline') {
    if (!deadline || !isCalendarDate(deadline)) throw new FlagActionError('bad_deadline', `a deadline must be a date YYYY-MM-DD, got "${deadline ?? ''}"`);
    if (deadline < today) throw new FlagActionError('bad_deadline', `the deadline ${deadline} is in the past (today is ${today})`);
  }
  let seen: string | null = null;
  if (input.action === 'resolve' || input.action === 'dismiss') {
    seen = input.seen ?? today;
    if (!isCalendarDate(seen)) throw new FlagActionError('bad_input', `the day the fix was seen must be a date YYYY-MM-DD, got "${seen}"`);
    if (seen > today) throw new FlagActionError('bad_input', `the day the fix was seen (${seen}) is after today (${today})`);
  }
  return { note, deadline, seen, inspectionId };
}

/** A follow-up inspection of the case's own office: its Almaty day is the day the fix was seen. */
async function inspectionDay(db: Kysely<Database>, flagId: string, inspectionId: string): Promise<string> {
  const row = await db.selectFrom('inspections').innerJoin('flags', 'flags.office_code', 'inspections.office_code')
    .select('inspections.inspected_at').where('inspections.id', '=', inspectionId).where('flags.id', '=', flagId).executeTakeFirst();
  if (!row) throw new FlagActionError('bad_input', `inspection ${inspectionId} is not an inspection of this case's office`);
  return almatyDay(row.inspected_at);
}

/**
 * An inspector's action on a case: changes its status, deadline or closing basis and appends the
 * action to the audit trail in one statement, so neither happens without the other.
 */
export async function actOnFlag(db: Kysely<Database>, input: FlagActionInput): Promise<{ flag: FlagRow; action: FlagActionRow }> {
  const today = input.today ?? almatyToday();
  const checked = validate(input, today);
  const rule = TRANSITIONS[input.action];
  const id = String(input.flagId);
  const basis = input.action === 'resolve' || input.action === 'dismiss' ? (checked.inspectionId ? 'inspection' : 'note') : null;
  const seen = checked.inspectionId ? await inspectionDay(db, id, checked.inspectionId) : checked.seen;
  const r = await sql<FlagActionRow>`
    with f as (
      update flags set status = coalesce(${rule.to}::text, status),
        deadline = case when ${checked.deadline}::date is not null then ${checked.deadline}::date else deadline end,
        closed_on = case when ${basis}::text is not null then ${seen}::date else closed_on end,
        closed_basis = coalesce(${basis}::text, closed_basis),
        closed_inspection_id = case when ${basis}::text is not null then ${checked.inspectionId}::bigint else closed_inspection_id end,
        updated_at = now()
      where id = ${id}::bigint and status = any(${[...rule.from]}::text[]) returning id)
    insert into flag_actions (flag_id, actor, action, note, deadline, seen_on, inspection_id)
    select id, ${input.actor}, ${input.action}, ${checked.note}, ${checked.deadline}::date, ${seen}::date, ${checked.inspectionId}::bigint
    from f returning *`.execute(db);
  const flag = await db.selectFrom('flags').selectAll().where('id', '=', id).executeTakeFirst();
  if (!flag) throw new FlagActionError('not_found', `no case ${id}`);
  const action = r.rows[0];
  if (!action) {
    const can = allowedActions(flag.status);
    throw new FlagActionError('invalid_transition', `case ${id} is ${flag.status}${flag.closed_on ? ` since ${flag.closed_on}` : ''}: `
      + `it cannot be ${VERB[input.action]}; what it allows: ${can.join(', ')}`);
  }
  return { flag, action };
}

/** A case's audit trail, oldest first. */
export function getFlagActions(db: Kysely<Database>, flagId: string | number): Promise<FlagActionRow[]> {
  return db.selectFrom('flag_actions').selectAll().where('flag_id', '=', String(flagId)).orderBy('id').execute();
}
