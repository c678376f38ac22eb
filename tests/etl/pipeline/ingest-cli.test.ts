import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliSession, runCli, runCliProcess, type CliResult, type CliSession } from '../../helpers/cli.ts';
import { freshTarget } from '../../helpers/db.ts';
import { makeIin, tempFolder } from '../../helpers/files.ts';

const HEADER = 'Дата;Время прихода;Время приёма;Начало обслуживания;Окончание;Талон;Цель визита;Служба;Результат;ИИН;Телефон сдан;Опрошен на посту';
const IIN = makeIin('85010130012');

interface Report {
  files: Array<{ path: string; status: string; format: string | null; office: string | null; rows_read: number; rows_loaded: number; rows_duplicate: number; rows_quarantined: number; reason: string | null }>;
  totals: { rows_read: number; rows_loaded: number; rows_duplicate: number; rows_quarantined: number };
}

describe('vitrina ingest (real CLI, real files)', () => {
  let target: Awaited<ReturnType<typeof freshTarget>>;
  const files = tempFolder();
  // In-process ingests share one open database (the commands borrow it), opened after the first
  // test's child process has let go of it, and closed before the last test's child process.
  let cli: CliSession | null = null;
  const ingest = async (...paths: string[]) => {
    const session = cli ?? (cli = await cliSession(target.env));
    return ingestWith((args) => session.run(args), paths);
  };
  const ingestWith = async (run: (args: string[]) => Promise<CliResult>, paths: string[]) => {
    const r = await run(['ingest', '--json', ...paths]);
    return { code: r.code, stderr: r.stderr, report: JSON.parse(r.stdout || 'null') as Report };
  };
  beforeAll(async () => { target = await freshTarget(); });
  afterAll(async () => { await cli?.close(); await target.drop(); files.remove(); });

  it('loads a Windows-1251 e-queue export named by its office, with the exact JSON report', async () => {
    const csv = files.write('Сарканский РОП январь 2019.csv', [HEADER,
      `14.01.2019;10:05;10:07;10:10;10:25;1;Справка о несудимости;;консультация;${IIN};нет;нет`,
      '14.01.2019;10:06:30;10:20;10:21;10:40;2;кража телефона;;заявление принято;;да;да',
      '',
      '15.01.2019;09:00;;;;1;;;;;;'].join('\r\n'), 'win1251');
    // A real process: the contract's exit status and stdout, not only main()'s.
    const { code, report } = await ingestWith((args) => runCliProcess(args, target.env), [csv]);
    expect(code).toBe(0);
    expect(report).toEqual({
      files: [{ path: csv, status: 'loaded', format: 'csv', office: 'SRK', rows_read: 3, rows_loaded: 3, rows_duplicate: 0, rows_quarantined: 0, reason: null }],
      totals: { rows_read: 3, rows_loaded: 3, rows_duplicate: 0, rows_quarantined: 0 },
    });
  });

  it('skips the same bytes sent again under another name, loading nothing', async () => {
    const text = `${HEADER}\n20.01.2019;11:00;11:01;11:02;11:10;7;ДТП;;консультация;;нет;нет\n`;
    const first = await ingest(files.write('SRK_2019-01-20.csv', text));
    expect(first.report.files[0]).toMatchObject({ status: 'loaded', rows_loaded: 1 });
    const again = await ingest(files.write('copy of SRK 20 января.csv', text));
    expect(again.code).toBe(0);
    expect(again.report.files[0]).toMatchObject({ status: 'skipped_duplicate', rows_read: 0, rows_loaded: 0, rows_duplicate: 0, rows_quarantined: 0 });
  });

  it('loads only the new visits of an export that overlaps an earlier one', async () => {
    const row = (day: number, ticket: number) => `${day}.02.2019;10:00;10:01;10:02;10:12;${ticket};консультация;;консультация;;нет;нет`;
    const first = await ingest(files.write('TLG_2019-02a.csv', [HEADER, row(1, 1), row(1, 2), row(2, 1)].join('\n')));
    expect(first.report.totals).toEqual({ rows_read: 3, rows_loaded: 3, rows_duplicate: 0, rows_quarantined: 0 });
    const second = await ingest(files.write('TLG_2019-02b.csv', [HEADER, row(2, 1), row(3, 1), row(3, 1)].join('\n')));
    // 2 Feb ticket 1 was stored already; 3 Feb ticket 1 appears twice in the file: both duplicates.
    expect(second.report.totals).toEqual({ rows_read: 3, rows_loaded: 1, rows_duplicate: 2, rows_quarantined: 0 });
  });

  it('quarantines each bad row with its contract reason and exits 1, loading the rest', async () => {
    const csv = files.write('Талгарский РОП март 2019.csv', [
      'Подразделение;Дата;Время прихода;Время приёма;Окончание;Талон;Цель визита',
      'Талгар;04.03.2019;10:00;10:02;10:30;1;консультация',           // loaded
      'Талгар;04.03.2019;10:00;10:02',                                 // malformed: too few fields
      'Талгар;04.03.2019;25:61;10:02;10:30;2;кража',                   // bad_time
      'Нью-Йорк;04.03.2019;10:00;10:02;10:30;3;кража',                 // unknown_office
      'Талгар;04.03.2019;10:00;09:50;10:30;4;кража',                   // time_order
      'Талгар;04.03.2015;10:00;10:02;10:30;5;кража',                   // out_of_range
    ].join('\n'));
    const { code, report } = await ingest(csv);
    expect(code).toBe(1);
    expect(report.files[0]).toMatchObject({ status: 'loaded', office: 'TLG', rows_read: 6, rows_loaded: 1, rows_duplicate: 0, rows_quarantined: 5 });
  });

  it('rejects an empty file, a binary file and a file with no arrival column, and exits 1', async () => {
    const empty = files.write('SRK_empty.csv', '');
    const binary = files.write('SRK_photo.csv', '\u0000\u0001\u0002PNG garbage \u0000\u0000');
    const noArrival = files.write('SRK_wrong.csv', 'Фамилия;Имя;Цель визита\nИванов;Иван;кража\n');
    const { code, report } = await ingest(empty, binary, noArrival);
    expect(code).toBe(1);
    expect(report.files.map((f) => f.status)).toEqual(['rejected', 'rejected', 'rejected']);
    for (const f of report.files) {
      expect(f.reason).toMatch(/.{10,}/);
      expect([f.rows_read, f.rows_loaded, f.rows_duplicate, f.rows_quarantined]).toEqual([0, 0, 0, 0]);
    }
  });

  it('rejects a file whose rows and name name no office', async () => {
    const { code, report } = await ingest(files.write('january.csv', `${HEADER}\n14.01.2019;10:05;10:07;10:10;10:25;1;кража;;;;нет;нет\n`));
    expect(code).toBe(1);
    expect(report.files[0]?.status).toBe('rejected');
  });

  it('loads a header-only file as loaded with 0 rows', async () => {
    const { code, report } = await ingest(files.write('KEG_2019-05.csv', `${HEADER}\r\n`));
    expect(code).toBe(0);
    expect(report.files[0]).toMatchObject({ status: 'loaded', rows_read: 0, rows_loaded: 0 });
  });

  it('answers a usage error and a missing file with exit 2', async () => {
    await cli?.close();
    cli = null;
    expect((await runCli(['ingest'], target.env)).code).toBe(2);
    expect((await runCliProcess(['ingest', '/no/such/file.csv'], target.env)).code).toBe(2);
    expect((await runCli(['ingest', '--bogus', 'x'], target.env)).code).toBe(2);
  });
});
