-- Rollups: pre-aggregated by Almaty calendar day, refreshed incrementally by every ingest inside
-- its transaction (sql/rollups.ts). The API and compliance read these, never a full scan of visits.

-- office × day × hour × category counts.
create table visit_hourly (
  office_code       text not null references offices (code),
  day               date not null,
  hour              smallint not null check (hour between 0 and 23),
  category          text not null,
  visits            integer not null default 0,
  admitted          integer not null default 0,
  statements        integer not null default 0,   -- outcome = statement_accepted
  phone_known       integer not null default 0,   -- phone_surrendered not null
  phone_yes         integer not null default 0,
  questioned_known  integer not null default 0,
  questioned_yes    integer not null default 0,
  primary key (office_code, day, hour, category)
);
create index visit_hourly_day on visit_hourly (day);

-- Per-second duration histograms, so percentile_cont over whole seconds is reproduced exactly.
--   admission_delay  admitted_at - arrived_at
--   wait_time        started_at  - arrived_at
--   service_time     finished_at - started_at
--   application_time finished_at - arrived_at, statements accepted only
create table duration_daily (
  office_code  text not null references offices (code),
  day          date not null,
  metric       text not null check (metric in ('admission_delay', 'wait_time', 'service_time', 'application_time')),
  seconds      integer not null,
  n            integer not null,
  primary key (office_code, metric, day, seconds)
);

-- The same histograms by calendar month: a year-long query reads 12 months, not 365 days.
create table duration_monthly (
  office_code  text not null references offices (code),
  month        date not null check (extract(day from month) = 1),
  metric       text not null check (metric in ('admission_delay', 'wait_time', 'service_time', 'application_time')),
  seconds      integer not null,
  n            integer not null,
  primary key (office_code, metric, month, seconds)
);
