-- Visit counts by office × unit (Almaty day, dekad, calendar month, calendar year), so a period query sums
-- the handful of signed units of its cover (sql/rollup-cover.ts) instead of every hour of every day
-- in visit_hourly: a year is one row per office and category, not ~8,760.
-- A unit's row is the sum of its days; dekad start = the 1st, 11th or 21st, month start = first of
-- the month, year start = January 1.

-- Every ingest adds to the month and year rows it touches: free space on each page lets the new row
-- versions stay on their page, so a unit's rows stay together for readers.

-- Volumes and topics: office × unit × category.
create table visit_category_totals (
  office_code  text not null references offices (code),
  unit         text not null check (unit in ('day', 'week', 'dekad', 'month', 'year')),
  start        date not null,
  category     text not null,
  visits       integer not null default 0,
  admitted     integer not null default 0,
  statements   integer not null default 0,   -- outcome = statement_accepted
  primary key (office_code, unit, start, category)
) with (fillfactor = 80);

-- ISO weeks (start = Monday) serve only the topic trend's weekly buckets: a whole week is one row.
-- The topic trend by day reads every day row of the period (~70k a year at 20 offices):
-- in (day, category) order and from the index alone it is summed as it streams, about twice as fast.
create index visit_category_totals_days on visit_category_totals (start, category, office_code) include (visits)
  where unit = 'day';

-- The weekday × hour heatmap: office × unit × ISO weekday of the Almaty day × hour.
create table visit_hour_totals (
  office_code  text not null references offices (code),
  unit         text not null check (unit in ('day', 'dekad', 'month', 'year')),
  start        date not null,
  isodow       smallint not null check (isodow between 1 and 7),
  hour         smallint not null check (hour between 0 and 23),
  visits       integer not null default 0,
  primary key (office_code, unit, start, isodow, hour)
) with (fillfactor = 80);

-- Backfill from what visit_hourly holds now: each day's rows counted once per unit, written in key
-- order so the rows one query unit reads share pages.
with per_day as (
  select office_code, day, category, sum(visits)::int as visits, sum(admitted)::int as admitted,
    sum(statements)::int as statements
  from visit_hourly group by office_code, day, category)
insert into visit_category_totals (office_code, unit, start, category, visits, admitted, statements)
select d.office_code, u.unit, u.start, d.category, sum(d.visits), sum(d.admitted), sum(d.statements)
from per_day d
cross join lateral (values ('day', d.day), ('week', d.day - (extract(isodow from d.day)::int - 1)),
  ('dekad', date_trunc('month', d.day)::date + least((extract(day from d.day)::int - 1) / 10, 2) * 10),
  ('month', date_trunc('month', d.day)::date),
  ('year', date_trunc('year', d.day)::date)) as u (unit, start)
group by d.office_code, u.unit, u.start, d.category
order by 1, 2, 3, 4;

with per_day as (
  select office_code, day, hour, sum(visits)::int as visits from visit_hourly group by office_code, day, hour)
insert into visit_hour_totals (office_code, unit, start, isodow, hour, visits)
select d.office_code, u.unit, u.start, extract(isodow from d.day)::smallint, d.hour, sum(d.visits)
from per_day d
cross join lateral (values ('day', d.day), ('dekad', date_trunc('month', d.day)::date + least((extract(day from d.day)::int - 1) / 10, 2) * 10),
  ('month', date_trunc('month', d.day)::date),
  ('year', date_trunc('year', d.day)::date)) as u (unit, start)
group by 1, 2, 3, 4, 5
order by 1, 2, 3, 4, 5;

-- Adds (tg_argv[0] = '1') or subtracts ('-1') the statement's transition table `delta_rows` at all
-- four units. One function serves every trigger below: an INSERT adds its new rows, a DELETE
-- subtracts its old rows, and an UPDATE (an ingest's upsert, a reclassification moving visits
-- between categories) fires two triggers, one subtracting the old rows and one adding the new.
-- Rows whose net change is zero stay, as in office_daily.
create function count_totals_follow() returns trigger language plpgsql as $$
declare
  direction integer := tg_argv[0]::integer;
begin
  with per_day as (
    select office_code, day, category, sum(visits)::int as visits, sum(admitted)::int as admitted,
    sum(statements)::int as statements
    from delta_rows group by office_code, day, category)
  insert into visit_category_totals as t (office_code, unit, start, category, visits, admitted, statements)
  select d.office_code, u.unit, u.start, d.category,
    direction * sum(d.visits), direction * sum(d.admitted), direction * sum(d.statements)
  from per_day d
  cross join lateral (values ('day', d.day), ('week', d.day - (extract(isodow from d.day)::int - 1)),
  ('dekad', date_trunc('month', d.day)::date + least((extract(day from d.day)::int - 1) / 10, 2) * 10),
  ('month', date_trunc('month', d.day)::date),
    ('year', date_trunc('year', d.day)::date)) as u (unit, start)
  group by d.office_code, u.unit, u.start, d.category
  order by 1, 2, 3, 4  -- one lock order for every writer, so concurrent ingests wait rather than deadlock
  on conflict (office_code, unit, start, category) do update set
    visits = t.visits + excluded.visits, admitted = t.admitted + excluded.admitted,
    statements = t.statements + excluded.statements;

  with per_day as (
    select office_code, day, hour, sum(visits)::int as visits from delta_rows group by office_code, day, hour)
  insert into visit_hour_totals as t (office_code, unit, start, isodow, hour, visits)
  select d.office_code, u.unit, u.start, extract(isodow from d.day)::smallint, d.hour, direction * sum(d.visits)
  from per_day d
  cross join lateral (values ('day', d.day), ('dekad', date_trunc('month', d.day)::date + least((extract(day from d.day)::int - 1) / 10, 2) * 10),
  ('month', date_trunc('month', d.day)::date),
    ('year', date_trunc('year', d.day)::date)) as u (unit, start)
  group by 1, 2, 3, 4, 5
  order by 1, 2, 3, 4, 5
  on conflict (office_code, unit, start, isodow, hour) do update set visits = t.visits + excluded.visits;
  return null;
end $$;

create trigger count_totals_on_insert after insert on visit_hourly
  referencing new table as delta_rows for each statement execute function count_totals_follow('1');
create trigger count_totals_on_update_old after update on visit_hourly
  referencing old table as delta_rows for each statement execute function count_totals_follow('-1');
create trigger count_totals_on_update_new after update on visit_hourly
  referencing new table as delta_rows for each statement execute function count_totals_follow('1');
create trigger count_totals_on_delete after delete on visit_hourly
  referencing old table as delta_rows for each statement execute function count_totals_follow('-1');

-- A rebuild that empties visit_hourly empties the totals with it.
create function count_totals_clear() returns trigger language plpgsql as $$
begin
  truncate visit_category_totals, visit_hour_totals;
  return null;
end $$;
create trigger count_totals_on_truncate after truncate on visit_hourly
  for each statement execute function count_totals_clear();
