/** Who sees what (data contract §7). */
export const ROLES = ['department', 'press', 'inspector', 'admin'] as const;
export type Role = (typeof ROLES)[number];
