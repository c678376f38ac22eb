/**
 * What an inspector may do to a case in each status (contract §4), shared by the server, which
 * refuses the rest with 409, and the dashboard, which offers only these.
 */
export const CASE_STATUSES = ['open', 'confirmed', 'dismissed', 'resolved'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** The work list's orders (overdue cases always first): oldest first, nearest deadline first, by office. */
export const CASE_SORTS = ['age', 'deadline', 'office'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

export const INSPECTOR_ACTIONS = ['confirm', 'dismiss', 'set_deadline', 'resolve', 'comment'] as const;
export type InspectorAction = (typeof INSPECTOR_ACTIONS)[number];

/** From which statuses each action is allowed, and the status it leaves (null: unchanged). */
export const TRANSITIONS: Readonly<Record<InspectorAction, { from: readonly CaseStatus[]; to: CaseStatus | null }>> = {
  confirm: { from: ['open'], to: 'confirmed' },
  dismiss: { from: ['open', 'confirmed'], to: 'dismissed' },
  set_deadline: { from: ['open', 'confirmed'], to: null },
  resolve: { from: ['open', 'confirmed'], to: 'resolved' },
  comment: { from: ['open', 'confirmed', 'dismissed', 'resolved'], to: null },
};

export function allowedActions(status: CaseStatus): InspectorAction[] {
  return INSPECTOR_ACTIONS.filter((a) => TRANSITIONS[a].from.includes(status));
}

/** A case still being worked whose deadline has passed (days are Almaty 'YYYY-MM-DD'). */
export function isOverdue(c: { status: CaseStatus; deadline: string | null }, today: string): boolean {
  return (c.status === 'open' || c.status === 'confirmed') && c.deadline !== null && c.deadline < today;
}
