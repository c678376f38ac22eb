import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FilesResponse, QuarantineResponse, UploadResponse } from '../../server/api/contract.ts';
import { startTestServer, type Session, type TestServer } from './test-server.ts';

let t: TestServer;
let admin: Session;
beforeAll(async () => {
  t = await startTestServer({ uploadMaxBytes: 64 * 1024 });
  admin = await t.login('admin');
});
afterAll(async () => { await t?.close(); });

const CSV = [
  'Дата;Время прихода;Время приёма;Начало обслуживания;Окончание;Талон;Цель визита;Служба;Результат;ИИН;Телефон сдан;Опрошен на посту',
  '04.03.2024;09:05;09:07;09:10;09:25;A1;справка о несудимости;;консультация;;нет;нет',
  '04.03.2024;09:20;09:21;09:30;09:50;A2;кража телефона;;заявление принято;;нет;да',
  '04.03.2024;;09:21;09:30;09:50;A3;без времени прихода;;;;нет;нет',
].join('\r\n');

const uploadFolders = (): string[] => (fs.existsSync(path.join(t.dataDir, 'uploads')) ? fs.readdirSync(path.join(t.dataDir, 'uploads')).sort() : []);
const uploadedNames = (): string[] => uploadFolders().flatMap((d) => fs.readdirSync(path.join(t.dataDir, 'uploads', d)));

function upload(files: { name: string; data: string | Uint8Array }[], as: Session = admin): Promise<Response> {
  const form = new FormData();
  for (const f of files) form.append('files', new Blob([f.data as BlobPart]), f.name);
  return t.call('/api/uploads', { method: 'POST', as, body: form });
}

describe('admin upload runs the ingest and answers its report', () => {
  it('loads a visit log, quarantines its bad row, and lists the file and the row', async () => {
    const overview = '/api/overview?from=2024-03-04&to=2024-03-05&office=SRK';
    // Asked before the upload, so a cached answer would be stale afterwards.
    expect(((await (await t.call(overview, { as: admin })).json()) as { totals: { visits: number } }).totals.visits).toBe(0);
    const res = await upload([{ name: 'Сарканский РОП март 2024.csv', data: CSV }]);
    expect(res.status, await res.clone().text()).toBe(200);
    const report = (await res.json()) as UploadResponse;
    expect(report.files).toHaveLength(1);
    expect(report.files[0]).toMatchObject({
      path: 'Сарканский РОП март 2024.csv', status: 'loaded', office: 'SRK', rows_read: 3, rows_loaded: 2, rows_quarantined: 1,
    });
    expect(report.totals.rows_loaded).toBe(2);

    const files = (await (await t.call('/api/files', { as: admin })).json()) as FilesResponse;
    expect(files.files[0]).toMatchObject({ name: 'Сарканский РОП март 2024.csv', status: 'loaded', rows_loaded: 2 });
    const q = (await (await t.call('/api/quarantine', { as: admin })).json()) as QuarantineResponse;
    expect(q.rows).toHaveLength(1);
    expect(q.rows[0]).toMatchObject({ reason: 'bad_time', file: 'Сарканский РОП март 2024.csv', line: 4 });

    // The rollups were refreshed by the ingest and the cached answer dropped: the overview sees the two visits at once.
    const o = (await (await t.call(overview, { as: admin })).json()) as { totals: { visits: number } };
    expect(o.totals.visits).toBe(2);
  });

  it('uploading the same bytes again is skipped as a duplicate', async () => {
    const report = (await (await upload([{ name: 'copy.csv', data: CSV }])).json()) as UploadResponse;
    expect(report.files[0]).toMatchObject({ status: 'skipped_duplicate', rows_loaded: 0 });
  });

  it('keeps every upload inside <dataDir>/uploads, whatever the file name says', async () => {
    const res = await upload([{ name: '../../../SRK_evil.csv', data: CSV.replace('A1', 'B1') }]);
    expect(res.status).toBe(200);
    const saved: string[] = [];
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else saved.push(path.relative(t.dataDir, p));
      }
    };
    walk(t.dataDir);
    expect(saved.filter((p) => p.endsWith('SRK_evil.csv'))).toHaveLength(1);
    for (const p of saved) expect(p.startsWith(`uploads${path.sep}`)).toBe(true);
    expect(fs.existsSync(path.join(t.dataDir, '..', 'SRK_evil.csv'))).toBe(false);
  });

  it('reports a file that is not text, XLSX or Arrow as rejected with its reason, whatever its extension, and keeps nothing of it', async () => {
    const res = await upload([{ name: 'SRK.csv', data: new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 0, 0]) }]);
    expect(res.status).toBe(200);
    const report = (await res.json()) as UploadResponse;
    expect(report.files).toEqual([expect.objectContaining({ path: 'SRK.csv', status: 'rejected', reason_code: 'not_a_log' })]);
    expect(report.files[0]?.reason).toMatch(/^binary data, not a visit log/);
    expect(uploadedNames()).not.toContain('SRK.csv');
  });

  it('keeps the start and the end of a long file name, so the office code in it still counts', async () => {
    const name = `SRK_${'журнал посетителей фронт-офиса '.repeat(12)}март 2024.csv`;
    const report = (await (await upload([{ name, data: CSV.replace('A1', 'L1') }])).json()) as UploadResponse;
    const stored = report.files[0]?.path ?? '';
    expect(stored.length).toBeLessThanOrEqual(120);
    expect(stored.startsWith('SRK_журнал')).toBe(true);
    expect(stored.endsWith('март 2024.csv')).toBe(true);
    expect(report.files[0]).toMatchObject({ status: 'loaded', office: 'SRK' });
  });

  it('refuses a file over the size limit with 413, a request without files with 400, a non-multipart body with 415', async () => {
    const folders = uploadFolders();
    const big = await upload([{ name: 'big.csv', data: 'x'.repeat(65 * 1024) }]);
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { message: string } }).error.message).toMatch(/over the upload limit/);
    expect((await upload([])).status).toBe(400);
    // Neither left a folder behind, empty or not.
    expect(uploadFolders()).toEqual(folders);
    const json = await t.call('/api/uploads', { method: 'POST', as: admin, headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(json.status).toBe(415);
  });

  it('refuses an upload without the CSRF token', async () => {
    const form = new FormData();
    form.append('files', new Blob([CSV]), 'x.csv');
    const res = await t.call('/api/uploads', { method: 'POST', as: admin, csrf: false, body: form });
    expect(res.status).toBe(403);
  });
});
