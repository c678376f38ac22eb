-- dekad_start(day): the first day of the dekad holding `day`, the 1st, 11th or 21st of its month
-- (domain/calendar.ts dekadStart is the same rule in TypeScript; tests/sql/dekad-start.test.ts holds
-- them equal). Plain date arithmetic, so the session's time zone plays no part. The SQL that fans a
-- day out to its rollup units calls it from now on; count_totals_follow (migration 0006) is defined
-- again here with it, otherwise unchanged.
create or replace function dekad_start(day date) returns date
  language sql immutable strict parallel safe
  as $$ select day - (extract(day from day)::int - 1) + least((extract(day from day)::int - 1) / 10, 2) * 10 $$;

create or replace function count_totals_follow() returns trigger language plpgsql as $$
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
    ('dekad', dekad_start(d.day)), ('month', date_trunc('month', d.day)::date),
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
  cross join lateral (values ('day', d.day), ('dekad', dekad_start(d.day)), ('month', date_trunc('month', d.day)::date),
    ('year', date_trunc('year', d.day)::date)) as u (unit, start)
  group by 1, 2, 3, 4, 5
  order by 1, 2, 3, 4, 5
  on conflict (office_code, unit, start, isodow, hour) do update set visits = t.visits + excluded.visits;
  return null;
end $$;
