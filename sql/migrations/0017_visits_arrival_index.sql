-- visits loses its b-tree on arrived_at alone. Only the visit export read it (every office, in time
-- order), and the export now reads day by day through (office_code, arrived_at), one range per
-- office (sql/queries/export-visits.ts). Keeping it up to date cost a million-row load 1.5–3 s of
-- the server's time in COPY (measured with \copy of the ingest benchmark's rows: 9.4–11.0 s with it,
-- 6.7–9.4 s without, on a shared machine).
drop index if exists visits_arrival;
