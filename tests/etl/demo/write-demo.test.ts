import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemo, type WriteDemoResult } from '../../../etl/demo/write-demo.ts';
import { DEMO_OFFICES, DEMO_SCENARIO } from '../../../etl/demo/scenario.ts';
import { toCp1251Lookalikes } from '../../../etl/demo/written.ts';

// 30 days across 2024-03-01, when Almaty moved from UTC+6 to UTC+5.
const END = '2024-03-15';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vitrina-demo-'));
let demo: WriteDemoResult;
const fileOf = (pattern: RegExp): string => {
  const found = demo.files.find((f) => pattern.test(path.basename(f)));
  if (!found) throw new Error(`no demo file matches ${pattern}`);
  return found;
};
const bytes = (dir: string): Map<string, Buffer> =>
  new Map(fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => fs.statSync(path.join(dir, f)).isFile())
    .map((f) => [f, fs.readFileSync(path.join(dir, f))]));

beforeAll(async () => {
  demo = await writeDemo({ outDir: path.join(tmp, 'a'), days: 30, endDate: END, seed: 5 });
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('writeDemo', () => {
  it('writes the same bytes for the same seed, other bytes for another seed', async () => {
    await writeDemo({ outDir: path.join(tmp, 'b'), days: 30, endDate: END, seed: 5 });
    await writeDemo({ outDir: path.join(tmp, 'c'), days: 30, endDate: END, seed: 6 });
    const [a, b, c] = ['a', 'b', 'c'].map((d) => bytes(path.join(tmp, d)));
    expect([...b!.keys()].sort()).toEqual([...a!.keys()].sort());
    for (const [name, content] of a!) expect(content.equals(b!.get(name)!), name).toBe(true);
    // Workbooks are zips: every entry carries the fixed date 2018-01-01, not the time of writing.
    const xlsx = [...a!].filter(([name]) => name.endsWith('.xlsx'));
    expect(xlsx.length).toBeGreaterThan(0);
    for (const [name, content] of xlsx) expect(content.readUInt16LE(12), name).toBe(((2018 - 1980) << 9) | (1 << 5) | 1);
    const changed = [...a!].filter(([name, content]) => !c!.get(name)?.equals(content));
    expect(changed.length).toBeGreaterThan(a!.size / 2);
  });

  it('sends every office in all four formats, both encodings, plus inspections', () => {
    expect(new Set(demo.details.map((d) => d.format))).toEqual(new Set(['csv', 'xlsx', 'jsonl', 'arrow', 'inspection']));
    expect(new Set(demo.details.filter((d) => d.format === 'csv').map((d) => d.encoding))).toEqual(new Set(['utf8', 'cp1251']));
    const offices = new Set(demo.details.map((d) => d.office));
    for (const office of DEMO_OFFICES) expect(offices, office).toContain(office);
    expect(demo.visits).toBe(demo.details.reduce((n, d) => n + d.visits, 0));
    expect(demo.visits).toBeGreaterThan(5000);
  });

  it('plants one bad row of each kind in four files, nowhere else', () => {
    const planted = demo.details.filter((d) => d.planted).map((d) => [d.office, d.planted]);
    expect(planted.sort()).toEqual([['ALK', 'bad_time'], ['ENB', 'malformed'], ['KRT', 'time_order'], ['ZHM', 'out_of_range']]);
  });

  it('Windows-1251 exports decode to Russian headers, Kazakh letters typed as look-alikes', () => {
    const cp1251 = demo.details.filter((d) => d.encoding === 'cp1251');
    const text = cp1251.map((d) => iconv.decode(fs.readFileSync(d.path), 'win1251')).join('\n');
    expect(text.startsWith('Дата;Время прихода;Время приёма;Начало обслуживания;Окончание;Талон;Цель визита')).toBe(true);
    expect(text).toMatch(/кенес|урлык|алаяк|тиркеу/);
    expect(toCp1251Lookalikes('Қаңтар, сәуір, өтініш')).toBe('Кантар, сауир, отиниш');
    expect(fs.readFileSync(fileOf(/^KRT_/)).includes(Buffer.from('Дата', 'utf8'))).toBe(false);
  });

  it('UTF-8 exports start with a BOM where Excel saved them, and use ; , or tab', () => {
    expect(fs.readFileSync(fileOf(/^Сарканский РОП февраль 2024/)).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(fs.readFileSync(fileOf(/^Eskeldi 2024-03/), 'utf8').split('\n')[0]).toContain('Дата,Время прихода');
    expect(fs.readFileSync(fileOf(/^Жаркент 2024-03/), 'utf8').split('\n')[0]).toContain('Дата\tВремя прихода');
  });

  it('an export saved through Excel lost the leading zeros of IINs (the ETL pads 11 digits back)', () => {
    const iins = fs.readFileSync(fileOf(/^ALK_2024-03/), 'utf8').trim().split('\r\n').slice(1).map((l) => l.split(';')[9]!);
    expect(iins.some((iin) => /^[1-9]\d{10}$/.test(iin))).toBe(true);
    expect(iins.some((iin) => /^0/.test(iin))).toBe(false);
  });

  it("SRK's export shows phones handed in and visitors questioned", () => {
    const lines = fs.readFileSync(fileOf(/^Сарканский РОП март 2024/), 'utf8').trim().split('\r\n').slice(1);
    const cells = lines.map((l) => l.split(';'));
    expect(cells.filter((c) => c[10] === 'да').length / cells.length).toBeGreaterThan(0.8);
    expect(cells.filter((c) => c[11] === 'да').length / cells.length).toBeGreaterThan(0.8);
  });

  it("TDK's export has night visits that end after midnight (the time wraps, the date stays)", () => {
    const rows = fs.readFileSync(fileOf(/^ГОП Талдыкорган 2024-03/), 'utf8').trim().split('\r\n').slice(1).map((l) => l.split(';'));
    expect(rows.some((c) => c[1]!.startsWith('03:'))).toBe(true);
    expect(rows.some((c) => c[4] !== '' && c[4]! < c[1]!)).toBe(true);
  });

  it('journals open in Excel: a title above Kazakh headers, a sheet per month, Excel dates and some typed as text', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(fileOf(/^Талғар ауданы 2024/));
    expect(book.worksheets.map((s) => s.name)).toEqual(['Ақпан 2024', 'Наурыз 2024']);
    const sheet = book.worksheets[0]!;
    expect(String(sheet.getCell('A1').value)).toContain('Талғар');
    expect(sheet.getRow(3).values).toEqual(expect.arrayContaining(['Келген уақыты', 'Қабылданған уақыты', 'Мақсаты', 'ЖСН']));
    const dates = book.worksheets.flatMap((s) => s.getColumn(2).values.slice(4));
    expect(dates.some((d) => d instanceof Date)).toBe(true);
    expect(dates.some((d) => typeof d === 'string' && /^\d\d\.\d\d\.2024$/.test(d))).toBe(true);
  });

  it('Arrow files hold typed timestamps: instants with a zone, Almaty wall-clock without', () => {
    const zoned = tableFromIPC(fs.readFileSync(fileOf(/^AKS_2024/)));
    const wall = tableFromIPC(fs.readFileSync(fileOf(/^Kerbulak 2024 Q1/)));
    const arrived = (t: typeof zoned) => t.schema.fields.find((f) => f.name === 'arrived_at')!;
    expect(String(arrived(zoned).type)).toMatch(/Timestamp/);
    expect((arrived(zoned).type as { timezone?: string | null }).timezone).toBe('Asia/Almaty');
    expect((arrived(wall).type as { timezone?: string | null }).timezone ?? null).toBeNull();
    expect(zoned.numRows).toBe(demo.details.find((d) => d.path.endsWith('AKS_2024.arrow'))!.visits);
    // Office hours are 9–18 local: as instants that is 03–12 UTC, as wall-clock 09–18.
    const hours = (t: typeof zoned) => [...t.getChild('arrived_at')!].map((ms) => new Date(Number(ms)).getUTCHours());
    expect(Math.max(...hours(zoned))).toBeLessThan(13);
    expect(Math.min(...hours(wall))).toBeGreaterThanOrEqual(9);
  });

  it('tablet JSONL carries +06:00 before 2024-03-01 and +05:00 after; only the planted line is broken', () => {
    const feb = fs.readFileSync(fileOf(/^ile_2024_02/), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { arrived_at: string });
    const mar = fs.readFileSync(fileOf(/^ile_2024_03/), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { arrived_at: string });
    expect(feb.every((v) => v.arrived_at.endsWith('+06:00'))).toBe(true);
    expect(mar.every((v) => v.arrived_at.endsWith('+05:00'))).toBe(true);
    const enb = fs.readFileSync(fileOf(/^ENB-2024-02/), 'utf8').trim().split('\n');
    const broken = enb.filter((l) => { try { JSON.parse(l); return false; } catch { return true; } });
    expect(broken).toHaveLength(1);
  });

  it('inspections show bars at ALK and KEG, the guard post at SRK, nothing elsewhere, none at RMB', () => {
    const [header, ...rows] = fs.readFileSync(path.join(tmp, 'a', 'inspections.csv'), 'utf8').replace(/^\uFEFF/, '').trim().split('\n');
    expect(header).toBe('office,inspected_at,inspector,bars_on_windows,bars_on_doors,inside_secured_perimeter,phones_collected_at_entrance,guard_questions_visitors,signage_present,notes');
    const byOffice = new Map<string, string[][]>();
    for (const row of rows!) byOffice.set(row.split(',')[0]!, [...(byOffice.get(row.split(',')[0]!) ?? []), row.split(',')]);
    expect(byOffice.has(DEMO_SCENARIO.silentOffice)).toBe(false);
    for (const [office, inspections] of byOffice) {
      expect(inspections.length, office).toBeGreaterThanOrEqual(1);
      expect(inspections.length, office).toBeLessThanOrEqual(2);
      const flags = inspections.map((c) => c.slice(3, 8).join(','));
      const expected = office === 'SRK' ? 'false,false,true,true,true' : office === 'ALK' ? 'true,false,false,false,false'
        : office === 'KEG' ? 'true,true,false,false,false' : 'false,false,false,false,false';
      expect(flags.every((f) => f === expected), office).toBe(true);
    }
    expect(byOffice.size).toBe(19);
  });

  it('writes a year for all 20 offices in well under 20 s', async () => {
    // CPU time, not wall time: on a shared machine the wall clock measures the neighbours.
    const started = process.cpuUsage();
    const year = await writeDemo({ outDir: path.join(tmp, 'year'), days: 365, endDate: '2026-06-30', seed: 1 });
    const used = process.cpuUsage(started);
    expect((used.user + used.system) / 1e6, 'CPU seconds').toBeLessThan(20);
    expect(year.visits).toBeGreaterThan(100_000);
  });
});
