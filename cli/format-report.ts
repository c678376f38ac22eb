import type { IngestReport } from '../etl/model.ts';

const STATUS_RU = { loaded: 'загружен', skipped_duplicate: 'уже загружен', rejected: 'отклонён' } as const;

/** The human-readable ingest report (the --json one is the contract's). */
export function formatIngestReport(report: IngestReport): string {
  const n = (x: number) => x.toLocaleString('ru-RU');
  const lines = report.files.map((f) => {
    const counts = f.status === 'loaded'
      ? `прочитано ${n(f.rows_read)}, загружено ${n(f.rows_loaded)}, дубликатов ${n(f.rows_duplicate)}, в карантине ${n(f.rows_quarantined)}`
      : f.reason ?? '';
    return `${STATUS_RU[f.status].padEnd(12)} ${f.format ?? '-'} ${f.office ?? '-'} ${f.path}: ${counts}`;
  });
  const t = report.totals;
  lines.push(`Итого: прочитано ${n(t.rows_read)}, загружено ${n(t.rows_loaded)}, дубликатов ${n(t.rows_duplicate)}, в карантине ${n(t.rows_quarantined)}`);
  return lines.join('\n');
}
