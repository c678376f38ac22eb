-- Compliance with the order (data contract §4): thresholds an administrator may change, the
-- evaluations that used them, and the inspector's flags with their append-only audit trail.

-- Refuses UPDATE and DELETE: audit tables only ever grow.
create function vitrina_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'append-only table %: % is not allowed', tg_table_name, tg_op;
end $$;

-- Office × Almaty day totals, kept in step with visit_hourly by statement-level triggers (each
-- ingest's upsert and each reclassification adds its net change), so judging a year reads 365 rows
-- per office instead of every hour and category of it.
create table office_daily (
  office_code       text not null references offices (code),
  day               date not null,
  visits            integer not null default 0,
  admitted          integer not null default 0,
  statements        integer not null default 0,
  phone_known       integer not null default 0,
  phone_yes         integer not null default 0,
  questioned_known  integer not null default 0,
  questioned_yes    integer not null default 0,
  primary key (office_code, day)
);
insert into office_daily
select office_code, day, sum(visits), sum(admitted), sum(statements), sum(phone_known), sum(phone_yes),
  sum(questioned_known), sum(questioned_yes)
from visit_hourly group by office_code, day;

create function office_daily_follow() returns trigger language plpgsql as $$
begin
  -- Transition tables: new_rows exists for INSERT and UPDATE, old_rows for UPDATE and DELETE.
  if tg_op in ('INSERT', 'UPDATE') then
    insert into office_daily as d (office_code, day, visits, admitted, statements, phone_known, phone_yes,
      questioned_known, questioned_yes)
    select office_code, day, sum(visits), sum(admitted), sum(statements), sum(phone_known), sum(phone_yes),
      sum(questioned_known), sum(questioned_yes)
    from new_rows group by office_code, day
    on conflict (office_code, day) do update set
      visits = d.visits + excluded.visits, admitted = d.admitted + excluded.admitted,
      statements = d.statements + excluded.statements,
      phone_known = d.phone_known + excluded.phone_known, phone_yes = d.phone_yes + excluded.phone_yes,
      questioned_known = d.questioned_known + excluded.questioned_known,
      questioned_yes = d.questioned_yes + excluded.questioned_yes;
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    update office_daily as d set
      visits = d.visits - o.visits, admitted = d.admitted - o.admitted, statements = d.statements - o.statements,
      phone_known = d.phone_known - o.phone_known, phone_yes = d.phone_yes - o.phone_yes,
      questioned_known = d.questioned_known - o.questioned_known, questioned_yes = d.questioned_yes - o.questioned_yes
    from (
      select office_code, day, sum(visits) as visits, sum(admitted) as admitted, sum(statements) as statements,
        sum(phone_known) as phone_known, sum(phone_yes) as phone_yes,
        sum(questioned_known) as questioned_known, sum(questioned_yes) as questioned_yes
      from old_rows group by office_code, day
    ) o
    where d.office_code = o.office_code and d.day = o.day;
  end if;
  return null;
end $$;
create trigger office_daily_on_insert after insert on visit_hourly
  referencing new table as new_rows for each statement execute function office_daily_follow();
create trigger office_daily_on_update after update on visit_hourly
  referencing old table as old_rows new table as new_rows for each statement execute function office_daily_follow();
create trigger office_daily_on_delete after delete on visit_hourly
  referencing old table as old_rows for each statement execute function office_daily_follow();
-- A rebuild that empties visit_hourly empties office_daily with it.
create function office_daily_clear() returns trigger language plpgsql as $$
begin
  truncate office_daily;
  return null;
end $$;
create trigger office_daily_on_truncate after truncate on visit_hourly
  for each statement execute function office_daily_clear();

create table thresholds (
  key         text primary key check (key in (
                'pass_delay_minutes', 'pass_delay_share', 'questioning_share', 'phone_surrender_share',
                'application_time_minutes', 'reporting_gap_days', 'small_sample_visits')),
  value       double precision not null check (value >= 0),
  unit        text not null check (unit in ('minutes', 'share', 'days', 'visits')),
  updated_at  timestamptz not null default now(),
  updated_by  text not null default 'default'
);
-- Defaults from the contract: p90 delay 5 min and at most 10 % delayed over 5 min; questioning 5 %;
-- any phone taken is a breach; accepted statement p90 20 min; 3 silent days; 30 visits for a verdict.
insert into thresholds (key, value, unit) values
  ('pass_delay_minutes', 5, 'minutes'),
  ('pass_delay_share', 0.10, 'share'),
  ('questioning_share', 0.05, 'share'),
  ('phone_surrender_share', 0, 'share'),
  ('application_time_minutes', 20, 'minutes'),
  ('reporting_gap_days', 3, 'days'),
  ('small_sample_visits', 30, 'visits');

create table threshold_changes (
  id          bigserial primary key,
  key         text not null references thresholds (key),
  old_value   double precision not null,
  new_value   double precision not null,
  actor       text not null,
  changed_at  timestamptz not null default now()
);
create trigger threshold_changes_append_only before update or delete on threshold_changes
  for each row execute function vitrina_append_only();

-- One row per evaluation that was recorded (CLI runs and flag refreshes), with the thresholds it used.
create table evaluations (
  id            bigserial primary key,
  evaluated_at  timestamptz not null default now(),
  actor         text not null,
  period_from   date not null,
  period_to     date not null check (period_to > period_from),
  offices       text[],                  -- null: all offices
  thresholds    jsonb not null,
  flags_month   date                     -- set when the evaluation opened/kept flags for that month
);

create table flags (
  id             bigserial primary key,
  office_code    text not null references offices (code),
  rule           text not null check (rule in ('no_bars', 'no_pass_delay', 'no_phone_surrender',
                   'no_checkpoint_questioning', 'accessible_location', 'application_time', 'reporting')),
  month          date not null check (extract(day from month) = 1),   -- Almaty calendar month
  status         text not null default 'open' check (status in ('open', 'confirmed', 'dismissed', 'resolved')),
  deadline       date,
  evidence       jsonb not null,
  evaluation_id  bigint references evaluations (id),
  opened_at      timestamptz not null default now(),
  updated_at     timestamptz not null default now(),
  unique (office_code, rule, month)
);
create index flags_status on flags (status, month);

create table flag_actions (
  id        bigserial primary key,
  flag_id   bigint not null references flags (id),
  actor     text not null,
  acted_at  timestamptz not null default now(),
  action    text not null check (action in ('open', 'reopen', 'update_evidence', 'confirm', 'dismiss',
              'set_deadline', 'resolve', 'comment')),
  note      text,
  deadline  date
);
create index flag_actions_flag on flag_actions (flag_id, id);
create trigger flag_actions_append_only before update or delete on flag_actions
  for each row execute function vitrina_append_only();
