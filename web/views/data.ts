import type { CoverageResponse, FilesResponse, QuarantineResponse } from '../../server/api/contract.ts';
import { FILE_STATUSES } from '../../domain/visit-codes.ts';
import { getJson } from '../api.ts';
import { plainCard } from '../charts/chart-card.ts';
import { fmtBytes, fmtDateTime, fmtDay, fmtInt, fmtPeriod } from '../i18n/format.ts';
import type { MessageKey } from '../i18n/t.ts';
import { t } from '../i18n/t.ts';
import { officeLabel, officeName, type Cleanup, type ViewContext } from '../state/context.ts';
import { addDays } from '../state/period.ts';
import { h } from '../ui/dom.ts';
import { errorState, showLoading } from '../ui/states.ts';
import { scrollTable } from '../ui/table.ts';
import { uploadBox } from './data/upload.ts';
import { rejectionText } from './data/reject-reason.ts';

const PAGE = 50;

/** The admin's data desk: upload, each office's coverage, the ingested files (paged on the server, filtered), the quarantine. */
export function render(ctx: ViewContext): Cleanup {
  let alive = true;
  const files = h('div', { id: 'files' });
  const coverage = h('div', { id: 'coverage' });
  const quarantine = h('div', { id: 'quarantine' });
  const filter = { office: '', status: '', month: '', offset: 0 };
  const name = (code: string) => officeName(ctx.registry, code);
  const loadFiles = () => {
    showLoading(files);
    const q = { limit: PAGE, offset: filter.offset, ...(filter.office ? { office: filter.office } : {}),
      ...(filter.status ? { status: filter.status } : {}), ...(filter.month ? { month: filter.month } : {}) };
    getJson<FilesResponse>('files', q).then((r) => { if (alive) files.replaceChildren(filesTable(r), pager(r.total)); },
      (e: unknown) => alive && files.replaceChildren(errorState(e, loadFiles)));
  };
  const pager = (total: number) => {
    const prev = h('button', { type: 'button', className: 'btn', disabled: filter.offset === 0 }, t('data.prev'));
    const next = h('button', { type: 'button', className: 'btn', disabled: filter.offset + PAGE >= total }, t('data.next'));
    prev.addEventListener('click', () => { filter.offset = Math.max(0, filter.offset - PAGE); loadFiles(); });
    next.addEventListener('click', () => { filter.offset += PAGE; loadFiles(); });
    const shownTo = Math.min(total, filter.offset + PAGE);
    return h('div', { className: 'pager', id: 'files-pager' }, prev,
      h('span', {}, t('data.page', { from: fmtInt(total === 0 ? 0 : filter.offset + 1), to: fmtInt(shownTo), total: fmtInt(total) })), next);
  };
  const refresh = () => {
    loadFiles(); showLoading(coverage); showLoading(quarantine);
    getJson<CoverageResponse>('coverage').then((r) => { if (alive) coverage.replaceChildren(coverageTable(r, name)); },
      (e: unknown) => alive && coverage.replaceChildren(errorState(e, refresh)));
    if (ctx.session.user.role !== 'admin') { quarantine.replaceChildren(); return; }
    getJson<QuarantineResponse>('quarantine', { limit: 500 }).then((r) => { if (alive) quarantine.replaceChildren(quarantineTable(r)); },
      (e: unknown) => alive && quarantine.replaceChildren(errorState(e, refresh)));
  };
  const officeSel = h('select', { id: 'files-office' }, h('option', { value: '' }, t('data.allOffices')),
    ...ctx.registry.offices.map((o) => h('option', { value: o.code }, officeLabel(o))));
  const statusSel = h('select', { id: 'files-status' }, h('option', { value: '' }, t('data.allStatuses')),
    ...FILE_STATUSES.map((s) => h('option', { value: s }, t(`fileStatus.${s}` as MessageKey))));
  const monthIn = h('input', { type: 'month', id: 'files-month' });
  const onFilter = () => { filter.office = officeSel.value; filter.status = statusSel.value; filter.month = monthIn.value; filter.offset = 0; loadFiles(); };
  for (const el of [officeSel, statusSel, monthIn]) el.addEventListener('change', onFilter);
  const filters = h('div', { className: 'filters', role: 'group', 'aria-label': t('filter.label') },
    h('div', { className: 'field' }, h('label', { for: 'files-office' }, t('data.office')), officeSel),
    h('div', { className: 'field' }, h('label', { for: 'files-status' }, t('data.status')), statusSel),
    h('div', { className: 'field' }, h('label', { for: 'files-month' }, t('data.month')), monthIn));
  ctx.root.replaceChildren(h('div', { className: 'page-head' }, h('h1', {}, t('data.title'))));
  const grid = h('div', { className: 'grid' });
  ctx.root.append(grid);
  const slot = () => { const el = h('div', { className: 'span-12' }); grid.append(el); return el; };
  if (ctx.session.user.role === 'admin') plainCard(slot(), t('data.upload'), null, uploadBox(() => refresh()));
  plainCard(slot(), t('coverage.title'), null, coverage);
  plainCard(slot(), t('data.files'), null, h('div', {}, filters, files));
  if (ctx.session.user.role === 'admin') plainCard(slot(), t('data.quarantine'), t('data.quarantineNote'), quarantine);
  refresh();
  return () => { alive = false; };
}

/** Each office: first and last covered day, up to date or behind since when. */
function coverageTable(r: CoverageResponse, name: (code: string) => string): HTMLElement {
  const state = (o: CoverageResponse['offices'][number]) => (o.status === 'active' ? t('coverage.active')
    : o.status === 'behind' && o.behindSince ? t('coverage.behindStatus', { day: fmtDay(o.behindSince) }) : t('coverage.noDataStatus'));
  return h('div', {},
    r.completeTo ? h('p', { className: 'coverage-stamp' }, h('strong', {}, t('coverage.stamp', {
      day: fmtDay(r.completeTo), n: r.offices.filter((o) => o.status === 'active').length, total: r.offices.length,
    }))) : h('p', { className: 'note' }, t('coverage.none')),
    scrollTable({
      caption: t('coverage.title'), hiddenCaption: true,
      // The state right after the office, so a phone shows who is behind without scrolling sideways.
      head: [t('col.office'), t('coverage.status'), t('coverage.last'), t('coverage.first')],
      rows: r.offices.map((o) => [name(o.office),
        h('span', { className: `chip chip-${o.status === 'active' ? 'ok' : o.status === 'behind' ? 'breach' : 'no_data'}` }, state(o)),
        o.last ? fmtDay(o.last) : '—', o.first ? fmtDay(o.first) : '—']),
    }));
}

function filesTable(r: FilesResponse): HTMLElement {
  if (r.files.length === 0) return h('p', { className: 'note' }, t('data.filesEmpty'));
  return scrollTable({
    caption: t('data.files'), hiddenCaption: true,
    head: [t('data.name'), t('data.when'), t('data.format'), t('data.status'), t('data.read'), t('data.loaded'), t('data.duplicate'), t('data.quarantined')],
    numeric: [4, 5, 6, 7],
    rows: r.files.map((f) => [
      h('span', {}, f.name, h('div', { className: 'note' }, `${f.office ?? '—'} · ${fmtBytes(f.bytes)}`
        + `${f.coveredFrom && f.coveredTo ? ` · ${t('data.covers')} ${fmtPeriod(f.coveredFrom, addDays(f.coveredTo, 1))}` : ''}`
        + `${f.unknown_columns.length ? ` · ${f.unknown_columns.join(', ')}` : ''}`)),
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
