import type { Role } from '../../domain/roles.ts';
import { protect } from '../../domain/disclosure.ts';

/**
 * Disclosure control for press (contract §7, method in domain/disclosure.ts): a count of 1–4
 * is hidden (null, and the row says `suppressed: true`); 0 stays 0, 5 and more are rounded to the
 * nearest 5. For every other role it is identity.
 */
export interface Suppressor {
  readonly on: boolean;
  count(n: number): number | null;
  /** Nulls the given count keys where 1–4 and adds `suppressed`. */
  row<T extends object, K extends keyof T>(row: T, keys: readonly K[]): Omit<T, K> & { [P in K]: number | null } & { suppressed: boolean };
}

export function suppressorFor(role: Role): Suppressor {
  const on = role === 'press';
  const count = (n: number): number | null => (on ? protect(n) : n);
  return {
    on,
    count,
    row(row, keys) {
      const out: Record<string, unknown> = { ...(row as Record<string, unknown>) };
      let suppressed = false;
      for (const k of keys) {
        const v = count(Number(row[k]));
        if (v === null) suppressed = true;
        out[k as string] = v;
      }
      out.suppressed = suppressed;
      return out as never;
    },
  };
}

/** Relative change (now − before) / before; null when either is hidden or before is 0. */
export function change(now: number | null, before: number | null): number | null {
  if (now === null || before === null || before === 0) return null;
  return Math.round(((now - before) / before) * 10000) / 10000;
}

/** A share rounded to 4 places; null when either side is hidden or the whole is 0. */
export function share(part: number | null, whole: number | null): number | null {
  if (part === null || whole === null || whole === 0) return null;
  return Math.round((part / whole) * 10000) / 10000;
}
