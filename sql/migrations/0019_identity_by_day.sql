-- One index on visits for both of its jobs: the identity (contract §5) and finding an office's days.
--
-- The identity index becomes (office_code, arrival_date, visit_key). It enforces exactly what
-- (office_code, visit_key) did: a key names its Almaty arrival day (a visit_ref's key holds the day,
-- a key without one holds the arrival second), so two rows with the same key have the same day. Led
-- by the day, a load's new keys land in a few hot pages of the index instead of anywhere in it
-- (digest keys, those of rows without a visit_ref, had no order at all).
--
-- It also serves every read that went through (office_code, arrived_at): the loader's probe, the
-- export and the flag examples read whole Almaty days, which arrival_date names exactly. That index
-- goes: keeping it cost a million-row COPY into visits ~1 s of the server's time (6.5–6.9 s with
-- both, 5.6–5.75 s with this one alone, measured with the ingest benchmark's rows).
drop index visits_identity;
create unique index visits_identity on visits (office_code, arrival_date, visit_key);
drop index visits_office_arrival;
