import type { FilesResponse, QuarantineResponse } from '../../server/api/contract.ts';
import { getJson } from '../api.ts';
import { plainCard } from '../charts/chart-card.ts';
import { fmtBytes, fmtDateTime, fmtInt } from '../i18n/format.ts';
import type { MessageKey } from '../i18n/t.ts';
import { t } from '../i18n/t.ts';
import type { Cleanup, ViewContext } from '../state/context.ts';
import { h } from '../ui/dom.ts';
import { errorState, showLoading } from '../ui/states.ts';
import { scrollTable } from '../ui/table.ts';
import { uploadBox } from './data/upload.ts';
import { rejectionText } from './data/reject-reason.ts';

/** The admin's data desk: upload, the ingested files with their reports, the quarantine. */
export function render(ctx: ViewContext): Cleanup {
  let alive = true;
  const files = h('div', { id: 'files' });
  const quarantine = h('div', { id: 'quarantine' });
  const refresh = () => {
    showLoading(files); showLoading(quarantine);
    getJson<FilesResponse>('files', { limit: 200 }).then((r) => { if (alive) files.replaceChildren(filesTable(r)); },
      (e: unknown) => alive && files.replaceChildren(errorState(e, refresh)));
    getJson<QuarantineResponse>('quarantine', { limit: 500 }).then((r) => { if (alive) quarantine.replaceChildren(quarantineTable(r)); },
      (e: unknown) => alive && quarantine.replaceChildren(errorState(e, refresh)));
  };
  ctx.root.replaceChildren(h('div', { className: 'page-head' }, h('h1', {}, t('data.title'))));
  const grid = h('div', { className: 'grid' });
  ctx.root.append(grid);
  const slot = () => { const el = h('div', { className: 'span-12' }); grid.append(el); return el; };
  plainCard(slot(), t('data.upload'), null, uploadBox(() => refresh()));
  plainCard(slot(), t('data.files'), null, files);
  plainCard(slot(), t('data.quarantine'), t('data.quarantineNote'), quarantine);
  refresh();
  return () => { alive = false; };
}

function filesTable(r: FilesResponse): HTMLElement {
  if (r.files.length === 0) return h('p', { className: 'note' }, t('data.filesEmpty'));
  return scrollTable({
    caption: t('data.files'), hiddenCaption: true,
    head: [t('data.name'), t('data.when'), t('data.format'), t('data.status'), t('data.read'), t('data.loaded'), t('data.duplicate'), t('data.quarantined')],
    numeric: [4, 5, 6, 7],
    rows: r.files.map((f) => [
      h('span', {}, f.name, h('div', { className: 'note' }, `${f.office ?? '—'} · ${fmtBytes(f.bytes)}${f.unknown_columns.length ? ` · ${f.unknown_columns.join(', ')}` : ''}`)),
      fmtDateTime(f.startedAt), f.format ?? '—',
      h('span', {}, t(`fileStatus.${f.status}` as MessageKey), f.reason ? h('div', { className: 'note' }, rejectionText(f)) : null),
      fmtInt(f.rows_read), fmtInt(f.rows_loaded), fmtInt(f.rows_duplicate), fmtInt(f.rows_quarantined)]),
  });
}

function quarantineTable(r: QuarantineResponse): HTMLElement {
  if (r.rows.length === 0) return h('p', { className: 'note' }, t('data.quarantineEmpty'));
  return scrollTable({
    caption: t('data.quarantine'), hiddenCaption: true,
    head: [t('data.name'), t('data.line'), t('data.reason'), t('data.raw')], numeric: [1],
    rows: r.rows.map((q) => [q.file + (q.sheet ? `#${q.sheet}` : ''), fmtInt(q.line),
      h('span', { 'data-reason': q.reason }, t(`reason.${q.reason}` as MessageKey), q.detail ? h('div', { className: 'note' }, q.detail) : null),
      h('span', { className: 'raw' }, q.rawText)]),
  });
}
