-- What the ETL produces: one row per run, per file, per visit, per quarantined row, per inspection.

create table runs (
  id           bigserial primary key,
  command      text not null,
  actor        text not null default 'cli',
  started_at   timestamptz not null default now(),
  finished_at  timestamptz,
  summary      jsonb
);

create table ingested_files (
  id                bigserial primary key,
  run_id            bigint references runs (id),
  sha256            text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  path              text not null,
  bytes             bigint not null,
  format            text check (format in ('csv', 'xlsx', 'jsonl', 'arrow', 'inspection')),
  office_code       text references offices (code),
  status            text not null check (status in ('loaded', 'skipped_duplicate', 'rejected')),
  reason            text,
  rows_read         integer not null default 0,
  rows_loaded       integer not null default 0,
  rows_duplicate    integer not null default 0,
  rows_quarantined  integer not null default 0,
  unknown_columns   text[] not null default '{}',
  started_at        timestamptz not null default now(),
  finished_at       timestamptz
);
-- "The same file" is the same bytes: only one loaded copy per content hash.
create unique index ingested_files_one_load on ingested_files (sha256) where status = 'loaded';
create index ingested_files_run on ingested_files (run_id);

create table visits (
  id                     bigserial primary key,
  office_code            text not null references offices (code),
  -- Identity (data contract §5): sha-1 of office + visit_ref + Almaty arrival date, or of
  -- office + arrival second + visitor hash + trimmed topic when the source has no reference.
  visit_key              text not null,
  visit_ref              text,
  arrived_at             timestamptz not null,
  arrival_date           date not null,       -- Asia/Almaty calendar day of arrived_at
  admitted_at            timestamptz,
  started_at             timestamptz,
  finished_at            timestamptz,
  topic_text             text not null default '',
  category               text not null,
  category_confidence    real not null default 0,
  classifier_version     text not null,
  service                text,
  outcome                text check (outcome in ('consultation', 'statement_accepted', 'referred', 'refused')),
  outcome_text           text,
  visitor_hash           text check (visitor_hash ~ '^[0-9a-f]{64}$'),
  iin_status             text not null check (iin_status in ('valid', 'invalid', 'absent')),
  phone_surrendered      boolean,
  checkpoint_questioned  boolean,
  specialist_called_at   timestamptz,
  specialist_arrived_at  timestamptz,
  channel                text check (channel in ('walk_in', 'e_queue', 'appointment', 'duty_unit')),
  file_id                bigint not null references ingested_files (id),
  source_line            integer not null,
  source_sheet           text
);
create unique index visits_identity on visits (visit_key);
create index visits_office_arrival on visits (office_code, arrived_at);
create index visits_arrival on visits (arrived_at);
create index visits_file on visits (file_id, id);  -- a file's visits in load order: batch ranges stay cheap

create table quarantine (
  id           bigserial primary key,
  file_id      bigint not null references ingested_files (id),
  source_line  integer not null,
  source_sheet text,
  reason       text not null check (reason in ('malformed', 'bad_time', 'unknown_office', 'time_order', 'out_of_range')),
  detail       text not null,
  raw_text     text not null,
  created_at   timestamptz not null default now()
);
create index quarantine_file on quarantine (file_id);

create table inspections (
  id                           bigserial primary key,
  office_code                  text not null references offices (code),
  inspected_at                 timestamptz not null,
  inspector                    text not null default '',
  bars_on_windows              boolean,
  bars_on_doors                boolean,
  inside_secured_perimeter     boolean,
  phones_collected_at_entrance boolean,
  guard_questions_visitors     boolean,
  signage_present              boolean,
  notes                        text not null default '',
  file_id                      bigint references ingested_files (id),
  source_line                  integer,
  unique (office_code, inspected_at, inspector)
);
