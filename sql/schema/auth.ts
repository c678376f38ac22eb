/** Tables of migration 0005 (users and sessions). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AuthTables {}
