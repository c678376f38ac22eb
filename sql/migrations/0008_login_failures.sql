-- Failed logins, counted in the database so every server process on it applies the same limits
-- (server/auth/rate-limit.ts). One row per key: 'name:<user name, lower case>' for the per-name
-- exponential delay, 'addr:<client address>' for the hard limit per address. A window restarts at
-- the first failure after the previous window ended; a successful login removes the name's row.
create table login_failures (
  key       text primary key,
  failures  integer not null check (failures > 0),
  first_at  timestamptz not null,
  last_at   timestamptz not null
);
