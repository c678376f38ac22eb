-- Coverage (data contract §8): which Almaty days each office's loaded files cover. A file covers,
-- for each office its rows name, every day from its first to its last arrival day; an office's
-- coverage is the union over its loaded files. Kept per file, so deleting a file (cascade) or
-- marking it other than 'loaded' updates coverage without recomputing anything.
create table file_coverage (
  file_id      bigint not null references ingested_files (id) on delete cascade,
  office_code  text not null references offices (code),
  first_day    date not null,
  last_day     date not null,
  primary key (file_id, office_code),
  check (first_day <= last_day)
);
create index file_coverage_office on file_coverage (office_code, last_day);

-- Files loaded before this migration: their stored visits say which days they cover.
insert into file_coverage (file_id, office_code, first_day, last_day)
select file_id, office_code, min(arrival_date), max(arrival_date)
from visits
group by file_id, office_code;
