-- Duration histograms in two levels, so a percentile over a year reads a few rows, not every second:
-- one row per office × metric × rollup unit (an Almaty day, dekad, month or year; sql/rollup-cover.ts) ×
-- minute of duration, holding the minute's count (n) and its sixty per-second counts (s00–s59).
-- A reader sums n per minute to find the minutes holding the order statistics it needs, then sums
-- only those minutes' seconds: exact percentile_cont over whole seconds (contract §4), as the
-- per-second histograms this replaces gave, with a fraction of their rows to write and to read.
-- Sixty integer columns rather than an array: sums across units stay plain native aggregates.
-- Byte-order ("C") keys: every read is a few hundred primary-key probes, and comparing codes such as
-- 'SRK' or 'wait_time' under a linguistic collation costs more than the rest of the probe.
create table duration_minutes (
  office_code  text collate "C" not null references offices (code),
  metric       text collate "C" not null check (metric in ('admission_delay', 'wait_time', 'service_time', 'application_time')),
  unit         text collate "C" not null check (unit in ('day', 'dekad', 'month', 'year')),
  start        date not null,
  minute       integer not null,   -- floor(seconds / 60): -1 for the up-to-a-minute-early times §2 lets through
  n            integer not null,
  s00 integer not null default 0,
  s01 integer not null default 0,
  s02 integer not null default 0,
  s03 integer not null default 0,
  s04 integer not null default 0,
  s05 integer not null default 0,
  s06 integer not null default 0,
  s07 integer not null default 0,
  s08 integer not null default 0,
  s09 integer not null default 0,
  s10 integer not null default 0,
  s11 integer not null default 0,
  s12 integer not null default 0,
  s13 integer not null default 0,
  s14 integer not null default 0,
  s15 integer not null default 0,
  s16 integer not null default 0,
  s17 integer not null default 0,
  s18 integer not null default 0,
  s19 integer not null default 0,
  s20 integer not null default 0,
  s21 integer not null default 0,
  s22 integer not null default 0,
  s23 integer not null default 0,
  s24 integer not null default 0,
  s25 integer not null default 0,
  s26 integer not null default 0,
  s27 integer not null default 0,
  s28 integer not null default 0,
  s29 integer not null default 0,
  s30 integer not null default 0,
  s31 integer not null default 0,
  s32 integer not null default 0,
  s33 integer not null default 0,
  s34 integer not null default 0,
  s35 integer not null default 0,
  s36 integer not null default 0,
  s37 integer not null default 0,
  s38 integer not null default 0,
  s39 integer not null default 0,
  s40 integer not null default 0,
  s41 integer not null default 0,
  s42 integer not null default 0,
  s43 integer not null default 0,
  s44 integer not null default 0,
  s45 integer not null default 0,
  s46 integer not null default 0,
  s47 integer not null default 0,
  s48 integer not null default 0,
  s49 integer not null default 0,
  s50 integer not null default 0,
  s51 integer not null default 0,
  s52 integer not null default 0,
  s53 integer not null default 0,
  s54 integer not null default 0,
  s55 integer not null default 0,
  s56 integer not null default 0,
  s57 integer not null default 0,
  s58 integer not null default 0,
  s59 integer not null default 0,
  primary key (office_code, metric, unit, start, minute) include (n)
);

-- Existing visits, the same way sql/rollups.ts adds each ingested batch.
insert into duration_minutes (office_code, metric, unit, start, minute, n, s00, s01, s02, s03, s04, s05, s06, s07, s08, s09, s10, s11, s12, s13, s14, s15, s16, s17, s18, s19, s20, s21, s22, s23, s24, s25, s26, s27, s28, s29, s30, s31, s32, s33, s34, s35, s36, s37, s38, s39, s40, s41, s42, s43, s44, s45, s46, s47, s48, s49, s50, s51, s52, s53, s54, s55, s56, s57, s58, s59)
with per_second as (
  select v.office_code, v.arrival_date as day, m.metric, m.seconds, count(*)::int as n
  from visits v
  cross join lateral (values
    ('admission_delay', floor(extract(epoch from v.admitted_at - v.arrived_at))::int),
    ('wait_time', floor(extract(epoch from v.started_at - v.arrived_at))::int),
    ('service_time', floor(extract(epoch from v.finished_at - v.started_at))::int),
    ('application_time', case when v.outcome = 'statement_accepted'
      then floor(extract(epoch from v.finished_at - v.arrived_at))::int end)
  ) as m (metric, seconds)
  where m.seconds is not null
  group by 1, 2, 3, 4
), per_day as (
  select office_code, day, metric, minute, sum(n)::int as n,
    coalesce(sum(n) filter (where off = 0), 0)::int as s00,
    coalesce(sum(n) filter (where off = 1), 0)::int as s01,
    coalesce(sum(n) filter (where off = 2), 0)::int as s02,
    coalesce(sum(n) filter (where off = 3), 0)::int as s03,
    coalesce(sum(n) filter (where off = 4), 0)::int as s04,
    coalesce(sum(n) filter (where off = 5), 0)::int as s05,
    coalesce(sum(n) filter (where off = 6), 0)::int as s06,
    coalesce(sum(n) filter (where off = 7), 0)::int as s07,
    coalesce(sum(n) filter (where off = 8), 0)::int as s08,
    coalesce(sum(n) filter (where off = 9), 0)::int as s09,
    coalesce(sum(n) filter (where off = 10), 0)::int as s10,
    coalesce(sum(n) filter (where off = 11), 0)::int as s11,
    coalesce(sum(n) filter (where off = 12), 0)::int as s12,
    coalesce(sum(n) filter (where off = 13), 0)::int as s13,
    coalesce(sum(n) filter (where off = 14), 0)::int as s14,
    coalesce(sum(n) filter (where off = 15), 0)::int as s15,
    coalesce(sum(n) filter (where off = 16), 0)::int as s16,
    coalesce(sum(n) filter (where off = 17), 0)::int as s17,
    coalesce(sum(n) filter (where off = 18), 0)::int as s18,
    coalesce(sum(n) filter (where off = 19), 0)::int as s19,
    coalesce(sum(n) filter (where off = 20), 0)::int as s20,
    coalesce(sum(n) filter (where off = 21), 0)::int as s21,
    coalesce(sum(n) filter (where off = 22), 0)::int as s22,
    coalesce(sum(n) filter (where off = 23), 0)::int as s23,
    coalesce(sum(n) filter (where off = 24), 0)::int as s24,
    coalesce(sum(n) filter (where off = 25), 0)::int as s25,
    coalesce(sum(n) filter (where off = 26), 0)::int as s26,
    coalesce(sum(n) filter (where off = 27), 0)::int as s27,
    coalesce(sum(n) filter (where off = 28), 0)::int as s28,
    coalesce(sum(n) filter (where off = 29), 0)::int as s29,
    coalesce(sum(n) filter (where off = 30), 0)::int as s30,
    coalesce(sum(n) filter (where off = 31), 0)::int as s31,
    coalesce(sum(n) filter (where off = 32), 0)::int as s32,
    coalesce(sum(n) filter (where off = 33), 0)::int as s33,
    coalesce(sum(n) filter (where off = 34), 0)::int as s34,
    coalesce(sum(n) filter (where off = 35), 0)::int as s35,
    coalesce(sum(n) filter (where off = 36), 0)::int as s36,
    coalesce(sum(n) filter (where off = 37), 0)::int as s37,
    coalesce(sum(n) filter (where off = 38), 0)::int as s38,
    coalesce(sum(n) filter (where off = 39), 0)::int as s39,
    coalesce(sum(n) filter (where off = 40), 0)::int as s40,
    coalesce(sum(n) filter (where off = 41), 0)::int as s41,
    coalesce(sum(n) filter (where off = 42), 0)::int as s42,
    coalesce(sum(n) filter (where off = 43), 0)::int as s43,
    coalesce(sum(n) filter (where off = 44), 0)::int as s44,
    coalesce(sum(n) filter (where off = 45), 0)::int as s45,
    coalesce(sum(n) filter (where off = 46), 0)::int as s46,
    coalesce(sum(n) filter (where off = 47), 0)::int as s47,
    coalesce(sum(n) filter (where off = 48), 0)::int as s48,
    coalesce(sum(n) filter (where off = 49), 0)::int as s49,
    coalesce(sum(n) filter (where off = 50), 0)::int as s50,
    coalesce(sum(n) filter (where off = 51), 0)::int as s51,
    coalesce(sum(n) filter (where off = 52), 0)::int as s52,
    coalesce(sum(n) filter (where off = 53), 0)::int as s53,
    coalesce(sum(n) filter (where off = 54), 0)::int as s54,
    coalesce(sum(n) filter (where off = 55), 0)::int as s55,
    coalesce(sum(n) filter (where off = 56), 0)::int as s56,
    coalesce(sum(n) filter (where off = 57), 0)::int as s57,
    coalesce(sum(n) filter (where off = 58), 0)::int as s58,
    coalesce(sum(n) filter (where off = 59), 0)::int as s59
  from (select office_code, day, metric, n, floor(seconds / 60.0)::int as minute,
          seconds - 60 * floor(seconds / 60.0)::int as off from per_second) s
  group by 1, 2, 3, 4
)
select office_code, metric, u.unit, u.start, minute, sum(n)::int, sum(s00)::int, sum(s01)::int, sum(s02)::int, sum(s03)::int, sum(s04)::int, sum(s05)::int, sum(s06)::int, sum(s07)::int, sum(s08)::int, sum(s09)::int, sum(s10)::int, sum(s11)::int, sum(s12)::int, sum(s13)::int, sum(s14)::int, sum(s15)::int, sum(s16)::int, sum(s17)::int, sum(s18)::int, sum(s19)::int, sum(s20)::int, sum(s21)::int, sum(s22)::int, sum(s23)::int, sum(s24)::int, sum(s25)::int, sum(s26)::int, sum(s27)::int, sum(s28)::int, sum(s29)::int, sum(s30)::int, sum(s31)::int, sum(s32)::int, sum(s33)::int, sum(s34)::int, sum(s35)::int, sum(s36)::int, sum(s37)::int, sum(s38)::int, sum(s39)::int, sum(s40)::int, sum(s41)::int, sum(s42)::int, sum(s43)::int, sum(s44)::int, sum(s45)::int, sum(s46)::int, sum(s47)::int, sum(s48)::int, sum(s49)::int, sum(s50)::int, sum(s51)::int, sum(s52)::int, sum(s53)::int, sum(s54)::int, sum(s55)::int, sum(s56)::int, sum(s57)::int, sum(s58)::int, sum(s59)::int
from per_day
cross join lateral (values ('day', day),
  ('dekad', date_trunc('month', day)::date + least((extract(day from day)::int - 1) / 10, 2) * 10),
  ('month', date_trunc('month', day)::date), ('year', date_trunc('year', day)::date)) as u (unit, start)
group by 1, 2, 3, 4, 5;

drop table duration_daily;
drop table duration_monthly;
