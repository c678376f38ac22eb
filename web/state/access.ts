import type { Role } from '../../domain/roles.ts';
import type { View } from './url-state.ts';

/**
 * The views each role works in (data contract §7), in menu order; the first is where the role
 * lands after login. Press sees volumes only inside Topics; the server enforces the same limits.
 */
export type AppView = Exclude<View, 'login'>;
export const ROLE_VIEWS: Readonly<Record<Role, readonly AppView[]>> = {
  department: ['overview', 'topics', 'compliance', 'office'],
  press: ['topics'],
  inspector: ['compliance', 'overview', 'office'],
  admin: ['data', 'overview', 'topics', 'compliance', 'office'],
};

export function canSee(role: Role, view: View): boolean {
  return view === 'login' || (ROLE_VIEWS[role] as readonly View[]).includes(view);
}

export function homeView(role: Role): View {
  return ROLE_VIEWS[role][0] ?? 'topics';
}

/** Only the inspector acts on flags; everyone else who sees them reads. */
export function canActOnFlags(role: Role): boolean {
  return role === 'inspector';
}
