-- Regions and their front offices. Rows come from the registry files in sql/regions/*.json
-- (loaded by sql/registry.ts), so a new region is data, not a migration.
create table regions (
  code      text primary key,
  name_ru   text not null,
  name_kk   text not null,
  name_en   text not null
);

create table offices (
  code         text primary key check (code ~ '^[A-Z]{2,6}$'),
  region_code  text not null references regions (code),
  kind         text not null check (kind in ('district', 'city', 'other')),
  name_ru      text not null,
  name_kk      text not null,
  name_en      text not null,
  centre       text not null,
  lat          double precision not null,
  lon          double precision not null
);
create index offices_region on offices (region_code);
