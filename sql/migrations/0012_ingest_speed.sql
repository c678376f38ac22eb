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

-- Keys that point at a visit or an inspection follow its key: a hand correction names the visit's
-- office too (a fact row beside its visit); a case and its trail live with the registry, not beside
-- one office's rows, so they keep the inspection's id without a foreign key (inspections are history:
-- never deleted, and only the loader writes them).
alter table category_corrections add column office_code text;
update category_corrections c set office_code = v.office_code from visits v where v.id = c.visit_id;
alter table category_corrections alter column office_code set not null;
alter table category_corrections drop constraint category_corrections_visit_id_fkey;
alter table flags drop constraint flags_closed_inspection_id_fkey;
alter table flag_actions drop constraint flag_actions_inspection_id_fkey;

-- id first, so reclassification's id-ordered scans and updates by id keep using the key.
alter table visits drop constraint visits_pkey;
alter table visits add primary key (id, office_code);

alter table inspections drop constraint inspections_pkey;
alter table inspections add primary key (id, office_code);

alter table category_corrections drop constraint category_corrections_pkey;
alter table category_corrections add primary key (id, office_code);
alter table category_corrections add foreign key (visit_id, office_code) references visits (id, office_code) on delete cascade;

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
