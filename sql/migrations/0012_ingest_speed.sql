-- Ingest at the hardware's pace, and keys ready for distribution by office (docs/scale.md).
--
-- Fact tables are the per-office tables that grow with visits: visits, inspections and the rollups
-- (visit_hourly, office_daily, visit_category_totals, visit_hour_totals, duration_minutes). Every
-- primary key and unique index of a fact table includes office_code, so that a distributed
-- PostgreSQL (Citus) can place each office's rows on one shard and still enforce them; the rollups'
-- keys already start with it. tests/sql/distribution-keys.test.ts checks this from pg_index.

-- The identity (contract §5) is unique per office: the key already names the office, so this
-- enforces exactly what the old (visit_key) index did. Byte-order comparison ("C"): the key is a
-- digest or a tagged code, never text a person sorts, and strcoll on every index probe of a
-- million-row load cost more than the probe.
drop index visits_identity;
alter table visits alter column visit_key type text collate "C";
create unique index visits_identity on visits (office_code, visit_key);

-- id first, so reclassification's id-ordered scans and updates by id keep using the key.
alter table visits drop constraint visits_pkey;
alter table visits add primary key (id, office_code);

alter table inspections drop constraint inspections_pkey;
alter table inspections add primary key (id, office_code);

-- The two per-row foreign-key triggers of visits (a locking lookup in offices and in ingested_files
-- for every row) are replaced by the loader: a visit's office comes from the registry the offices
-- table is synced from and is checked once per file, and its file_id is the file row the same
-- transaction opened (etl/load/ingest-visits.ts).
alter table visits drop constraint if exists visits_office_code_fkey;
alter table visits drop constraint if exists visits_file_id_fkey;

-- A file's visits are one contiguous run of ids, so a block range index finds them at a fraction of
-- a b-tree's upkeep per row.
drop index visits_file;
create index visits_file on visits using brin (file_id);
