-- Dashboard users and their sessions (data contract §7 roles). Passwords are argon2id hashes; a
-- session row keeps only the SHA-256 of the cookie's token, so a copy of the database opens no session.
create table users (
  id             bigserial primary key,
  name           text not null unique check (name ~ '^[A-Za-z0-9._-]{1,64}$'),
  role           text not null check (role in ('department', 'press', 'inspector', 'admin')),
  password_hash  text not null,
  created_at     timestamptz not null default now(),
  disabled       boolean not null default false
);

create table sessions (
  token_hash  text primary key,
  user_id     bigint not null references users (id) on delete cascade,
  csrf_token  text not null,
  created_at  timestamptz not null default now(),
  expires_at  timestamptz not null
);
create index sessions_user on sessions (user_id);
create index sessions_expires on sessions (expires_at);
