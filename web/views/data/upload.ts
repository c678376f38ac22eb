import type { UploadResponse } from '../../../server/api/contract.ts';
import { upload } from '../../api.ts';
import { fmtBytes, fmtInt, fmtShare } from '../../i18n/format.ts';
import type { MessageKey } from '../../i18n/t.ts';
import { t } from '../../i18n/t.ts';
import { h } from '../../ui/dom.ts';
import { errorState } from '../../ui/states.ts';
import { scrollTable } from '../../ui/table.ts';
import { rejectionText } from './reject-reason.ts';

/** The ingest report of an upload, file by file (contract §5 counts). */
export function reportTable(r: UploadResponse): HTMLElement {
  return scrollTable({
    caption: t('data.report'),
    head: [t('data.name'), t('data.format'), t('data.status'), t('data.read'), t('data.loaded'), t('data.duplicate'), t('data.quarantined')],
    numeric: [3, 4, 5, 6],
    rows: r.files.map((f) => [f.path.split(/[\\/]/).pop() ?? f.path, f.format ?? '—',
      h('span', {}, t(`fileStatus.${f.status}` as MessageKey), f.reason ? h('div', { className: 'note' }, rejectionText(f)) : null),
      fmtInt(f.rows_read), fmtInt(f.rows_loaded), fmtInt(f.rows_duplicate), fmtInt(f.rows_quarantined)]),
  });
}

/**
 * Drag-and-drop (or pick) files; the upload shows real progress (XMLHttpRequest upload events),
 * then the server's report. onDone lets the page refresh its file and quarantine lists.
 */
export function uploadBox(onDone: (r: UploadResponse) => void): HTMLElement {
  const input = h('input', { type: 'file', id: 'upload-input', multiple: true, className: 'visually-hidden' });
  const progress = h('progress', { max: 1, value: 0, hidden: true, id: 'upload-progress' });
  const status = h('p', { className: 'status-line', role: 'status', id: 'upload-status' });
  const result = h('div', { id: 'upload-report' });
  const zone = h('div', { className: 'dropzone', id: 'dropzone' },
    h('p', {}, t('data.dropHint'), ' ', h('label', { for: 'upload-input', tabindex: '0' }, t('data.choose'))), input);

  const send = (files: File[]) => {
    if (files.length === 0) return;
    const size = files.reduce((a, f) => a + f.size, 0);
    progress.hidden = false; progress.value = 0;
    result.replaceChildren();
    status.textContent = t('data.uploading', { p: `${fmtShare(0)} · ${fmtBytes(size)}` });
    upload<UploadResponse>('uploads', files, (share) => {
      progress.value = share;
      status.textContent = share < 1 ? t('data.uploading', { p: `${fmtShare(share)} · ${fmtBytes(size)}` }) : t('data.processing');
    }).then((r) => {
      progress.hidden = true;
      status.textContent = '';
      result.replaceChildren(reportTable(r));
      onDone(r);
    }, (e: unknown) => {
      progress.hidden = true;
      status.textContent = '';
      result.replaceChildren(errorState(e));
    });
  };
  input.addEventListener('change', () => { send([...(input.files ?? [])]); input.value = ''; });
  zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    send([...(e.dataTransfer?.files ?? [])]);
  });
  zone.querySelector('label')?.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); input.click(); }
  });
  return h('div', {}, zone, progress, status, result);
}
