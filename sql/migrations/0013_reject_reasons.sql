-- Why a file was rejected, as a code and its parameters, so the Data page can word it in the reader's
-- language (the English sentence stays in `reason`); and the NUL bytes taken out of a file's text.
alter table ingested_files
  add column reason_code text,
  add column reason_params jsonb,
  add column nuls_removed integer not null default 0;
