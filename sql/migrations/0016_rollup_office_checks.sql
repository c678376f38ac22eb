-- The count and duration rollups lose their foreign keys to offices, as visits did (0012): each
-- is a per-row trigger (a locking lookup in offices for every rollup row written), and the
-- rollups are written only from visits, whose offices the loader checks once per file
-- (etl/load/ingest-visits.ts), or rebuilt from stored visits (sql/rollups.ts). A million-visit load
-- writes ~230,000 rollup rows; these checks cost 0.3–0.9 s of it on PostgreSQL 15. Tables a person
-- writes to (flags, inspections, files, coverage) keep theirs.
alter table visit_hourly drop constraint if exists visit_hourly_office_code_fkey;
alter table office_daily drop constraint if exists office_daily_office_code_fkey;
alter table duration_minutes drop constraint if exists duration_minutes_office_code_fkey;
alter table visit_category_totals drop constraint if exists visit_category_totals_office_code_fkey;
alter table visit_hour_totals drop constraint if exists visit_hour_totals_office_code_fkey;
