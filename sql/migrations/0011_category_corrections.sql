-- Topic categories corrected by hand (issue 15): a department user or an administrator moves a
-- visit to another category and says why. The audit table only grows; the visit keeps the corrected
-- category (classifier_version 'manual', which `vitrina reclassify` leaves alone), and `vitrina
-- retrain` learns from the visit's text under the corrected category.
create table category_corrections (
  id             bigserial primary key,
  visit_id       bigint not null references visits (id) on delete cascade,
  from_category  text not null,
  to_category    text not null,
  actor          text not null,
  reason         text not null check (length(reason) between 1 and 500),
  corrected_at   timestamptz not null default now()
);
create index category_corrections_visit on category_corrections (visit_id, id);
create trigger category_corrections_append_only before update on category_corrections
  for each row execute function vitrina_append_only();
