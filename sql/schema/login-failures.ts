/** Tables of migration 0008 (failed logins shared by every server process). */
export interface LoginFailureTables {
  login_failures: LoginFailureTable;
}

export interface LoginFailureTable {
  /** 'name:<lower-case user name>' or 'addr:<client address>'. */
  key: string;
  failures: number;
  first_at: Date;
  last_at: Date;
}
