import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actOnFlag } from '../../sql/compliance/flag-actions.ts';
import { refreshFlagsForMonths } from '../../sql/compliance/flags.ts';
import { prepareDatabase } from '../../sql/prepare.ts';
import { cliSession, type CliSession } from '../helpers/cli.ts';
import { freshTarget } from '../helpers/db.ts';
import { seedInspection, seedVisits, visitsEvery } from './seed.ts';

/** Twice a day (10:00 and 22:00) from a day for n days: an office that reports every day. */
const daily = (office: string, first: string, days: number, delay = 60) =>
  visitsEvery(office, `${first} 10:00:00`, days * 2, 12 * 60, (i) => ({ delay: i % 2 ? delay : 60, phone: false, questioned: false }));

/**
 * `vitrina digest --month 2019-03`: a past month, so what it says does not depend on today.
 * SRK keeps visitors waiting every month (its case got a deadline of 10 March and is still open) and
 * had bars on its windows at the January inspection (resolved on 12 March); TDK went silent from the
 * 10th to the 20th of March; KEG's data starts on 7 March (not behind: its reporting began then);
 * the other 17 offices never sent a visit.
 */
describe('vitrina digest', () => {
  let target: Awaited<ReturnType<typeof freshTarget>>;
  const ids: Record<string, string> = {};
  let cli: CliSession;
  const runCli = (args: string[]) => cli.run(args);
  beforeAll(async () => {
    target = await freshTarget();
    // One open database for the seed and every command (the commands borrow it).
    cli = await cliSession(target.env);
    const h = cli.handle;
    await prepareDatabase(h, ['almaty-oblast']);
    await seedVisits(h.db, [
      ...daily('SRK', '2019-01-01', 90, 1200),
      ...daily('TDK', '2019-01-01', 68), ...daily('TDK', '2019-03-21', 11),
      ...daily('KEG', '2019-03-07', 25),
    ]);
    await seedInspection(h.db, { office: 'SRK', at: '2019-01-20 11:00', inspector: 'Ахметов Е.С.', bars_on_windows: true, bars_on_doors: false });
    await refreshFlagsForMonths(h.db, ['2019-01', '2019-02', '2019-03'], 'test', { today: '2019-04-02' });
    for (const f of await h.db.selectFrom('flags').select(['id', 'office_code', 'rule']).execute()) ids[`${f.office_code} ${f.rule}`] = f.id;
    await actOnFlag(h.db, { flagId: ids['SRK no_pass_delay']!, action: 'set_deadline', deadline: '2019-03-10', actor: 'inspector', today: '2019-02-20' });
    await actOnFlag(h.db, { flagId: ids['SRK no_bars']!, action: 'resolve', note: 'решётки сняты', seen: '2019-03-12', actor: 'inspector', today: '2019-03-12' });
  });
  afterAll(async () => { await cli?.close(); await target?.drop(); });

  it('writes what changed in the month as Markdown: new cases, overdue, resolved, offices behind on reporting', async () => {
    const r = await runCli(['digest', '--month', '2019-03']);
    expect(r.code, r.stderr).toBe(0);
    const md = r.stdout;
    expect(md).toMatch(/^# Сводка инспектора: март 2019 г\.\n\n_по состоянию на 31\.03\.2019_\n/);
    const section = (title: string): string => {
      const at = md.indexOf(`## ${title}`);
      expect(at, title).toBeGreaterThanOrEqual(0);
      const end = md.indexOf('\n## ', at + 1);
      return md.slice(at, end < 0 ? undefined : end).trim();
    };
    expect(section('Новые случаи')).toBe(`## Новые случаи (1)\n\n- ГОП Талдыкорган — Регулярность учёта (случай #${ids['TDK reporting']}); месяцы: март 2019 г.`);
    expect(section('Просрочен срок устранения')).toBe('## Просрочен срок устранения (1)\n\n'
      + `- Сарканский РОП — Вход без задержки (случай #${ids['SRK no_pass_delay']}); срок 10.03.2019, просрочено на 21 день`);
    expect(section('Закрытые случаи')).toBe('## Закрытые случаи (1)\n\n'
      + `- Сарканский РОП — Без решёток (случай #${ids['SRK no_bars']}): устранено 12.03.2019, по отметке инспектора`);
    // KEG's data starts on the 7th: the days before are not a gap (contract §4), so it is not behind.
    expect(section('Отстают с учётом посещений')).toBe('## Отстают с учётом посещений (1)\n\n- ГОП Талдыкорган: перерыв 11 дней (10.03.2019 – 20.03.2019)');
    const never = section('Не отчитывались');
    expect(never).toMatch(/^## Не отчитывались \(ни одного посещения, не нарушение\) \(17\)\n\n- /);
    expect(never).not.toMatch(/Сарканский|Талдыкорган|Кегенский/);
    // A month with nothing new says so in each section, not an empty heading.
    const quiet = await runCli(['digest', '--month', '2019-02', '--lang', 'en']);
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(quiet.stdout).toMatch(/^# Inspector's digest: February 2019\n/);
    expect(quiet.stdout).toContain('## New cases (0)\n\nNone.\n');
    expect(quiet.stdout).toContain('## Closed cases (0)\n\nNone.\n');
  });

  it('writes Kazakh with --lang kk', async () => {
    const r = await runCli(['digest', '--month', '2019-03', '--lang', 'kk']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^# Инспектордың айлық шолуы: /);
    expect(r.stdout).toContain(`## Жаңа жағдайлар (1)\n\n- Талдықорған — `);
    expect(r.stdout).toContain('## Жою мерзімі өтіп кеткен (1)');
    expect(r.stdout).toContain('21 күнге кешікті');
    expect(r.stdout).toContain('## Келушілер есебі кешіккен офистер (1)\n\n- Талдықорған: 11 күн үзіліс (10.03.2019 – 20.03.2019)');
  });

  it('writes a whole printable HTML page with --html, the same sections, text escaped', async () => {
    const r = await runCli(['digest', '--month', '2019-03', '--html']);
    expect(r.code, r.stderr).toBe(0);
    const html = r.stdout.trim();
    expect(html).toMatch(/^<!doctype html>\n<html lang="ru"><head><meta charset="utf-8"><title>Сводка инспектора: март 2019 г\.<\/title>/);
    expect(html.endsWith('</body></html>')).toBe(true);
    expect(html).toContain('@media print');
    expect(html).toContain('<h1>Сводка инспектора: март 2019 г.</h1>');
    expect(html.match(/<section><h2>/g)).toHaveLength(5);
    expect(html).toContain(`<li>Сарканский РОП — Вход без задержки (случай #${ids['SRK no_pass_delay']}); срок 10.03.2019, просрочено на 21 день</li>`);
    expect(html).toContain('<li>ГОП Талдыкорган: перерыв 11 дней (10.03.2019 – 20.03.2019)</li>');
    expect(html).not.toMatch(/<script/i);
    const en = await runCli(['digest', '--month', '2019-03', '--lang', 'en', '--html']);
    expect(en.stdout).toContain('<html lang="en">');
    expect(en.stdout).toContain('<h1>Inspector&#39;s digest: March 2019</h1>');
  });

  it('exits 2 on a month or language it cannot read, printing nothing', async () => {
    for (const args of [['digest'], ['digest', '--month', '2019-13'], ['digest', '--month', '2019-03', '--lang', 'de']]) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
    }
  });
});
