import { z } from 'zod';
import { Day, Role } from './common.ts';

export const User = z.object({ name: z.string(), role: Role });

/** GET /api/me when logged in, and the answer of POST /api/login. */
export const MeResponse = z.object({
  user: User,
  /** Send back as the X-CSRF-Token header on every POST/PUT/DELETE. */
  csrfToken: z.string(),
  /**
   * First and last Almaty day holding visits (null when the database has none), and completeTo (contract §8):
   * the day every active office's logs reach, which the dashboard's periods are anchored on.
   */
  data: z.object({ firstDay: Day.nullable(), lastDay: Day.nullable(), completeTo: Day.nullable() }),
});
export type MeResponse = z.infer<typeof MeResponse>;

/**
 * GET /api/me answers 200 either way: asking "who am I?" before logging in is a normal question
 * with the answer "nobody" (a 401 here made every fresh page load log a console error).
 */
export const MeAnswer = z.union([MeResponse, z.object({ user: z.null() })]);
export type MeAnswer = z.infer<typeof MeAnswer>;

export const LoginBody = z.object({
  name: z.string().min(1).max(100),
  password: z.string().min(1).max(200),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const OkResponse = z.object({ ok: z.literal(true) });

export const Office = z.object({
  code: z.string(),
  region: z.string(),
  kind: z.enum(['district', 'city', 'other']),
  name_ru: z.string(),
  name_kk: z.string(),
  name_en: z.string(),
  centre: z.string(),
  lat: z.number(),
  lon: z.number(),
});
export type Office = z.infer<typeof Office>;

export const Region = z.object({ code: z.string(), name_ru: z.string(), name_kk: z.string(), name_en: z.string() });

/** GET /api/offices — the registry with coordinates, every role. */
export const OfficesResponse = z.object({ regions: z.array(Region), offices: z.array(Office) });
export type OfficesResponse = z.infer<typeof OfficesResponse>;
export type User = z.infer<typeof User>;
export type Region = z.infer<typeof Region>;
