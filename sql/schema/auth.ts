import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Role } from '../../domain/roles.ts';

/** Tables of migration 0005 (users and sessions). */
export interface AuthTables {
  users: UserTable;
  sessions: SessionTable;
}

type BigId = ColumnType<string, string | number | bigint | undefined, never>;
type BigRef = ColumnType<string, string | number | bigint, string | number | bigint>;
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface UserTable {
  id: BigId;
  name: string;
  role: Role;
  /** argon2id PHC string */
  password_hash: string;
  created_at: DefaultedTimestamp;
  disabled: Generated<boolean>;
}

export interface SessionTable {
  /** SHA-256 hex of the cookie token; the token itself is never stored. */
  token_hash: string;
  user_id: BigRef;
  csrf_token: string;
  created_at: DefaultedTimestamp;
  expires_at: ColumnType<Date, Date | string, Date | string>;
}

export type UserRow = Selectable<UserTable>;
export type SessionRow = Selectable<SessionTable>;
