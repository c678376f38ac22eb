-- The check that a visitor hash is 64 lower-case hex digits (never a raw IIN, contract §2) was a
-- regular expression, evaluated for every visit loaded: on PostgreSQL 15 it cost ~5 µs a row, about
-- a quarter of a COPY into visits (measured over the ingest benchmark's million rows). The same rule
-- as plain byte arithmetic: exactly 64 bytes that decode as hex and encode back to themselves, so
-- upper-case digits are refused too. A non-hex character makes decode() raise instead of the check
-- failing; either way the row is refused.
alter table visits drop constraint visits_visitor_hash_check;
alter table visits add constraint visits_visitor_hash_check
  check (octet_length(visitor_hash) = 64 and encode(decode(visitor_hash, 'hex'), 'hex') = visitor_hash);
