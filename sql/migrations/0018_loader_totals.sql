-- The loader sums what these triggers derive from its visit_hourly rows (office_daily, the count
-- totals of every unit) itself, from the same rows, and writes them with its own upserts: the
-- triggers' aggregation over a statement's transition rows cost more than half of each of the
-- loader's visit_hourly upserts (~1 s of a million-visit load). It says so for its own statements
-- only, with the transaction-local setting vitrina.loader_totals; every other writer (a rebuild, a
-- reclassification) keeps the triggers. Both functions are otherwise as migrations 0004 and 0014 left them.

create or replace function office_daily_follow() returns trigger language plpgsql as $$
begin
  -- The loader writes the totals of its own rows itself (etl/load/write-rollup-deltas.ts).
  if current_setting('vitrina.loader_totals', true) = 'on' then
    return null;
  end if;
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

create or replace function count_totals_follow() returns trigger language plpgsql as $$
declare
  direction integer := tg_argv[0]::integer;
begin
  -- The loader writes the totals of its own rows itself (etl/load/write-rollup-deltas.ts).
  if current_setting('vitrina.loader_totals', true) = 'on' then
    return null;
  end if;
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
