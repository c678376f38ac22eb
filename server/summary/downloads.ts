import ExcelJS from 'exceljs';
import { addDays } from '../../domain/calendar.ts';
import { CATEGORY_LABELS } from '../../domain/categories.ts';
import type { Lang } from '../../domain/labels.ts';
import type { OfficeRow } from '../../sql/schema.ts';
import type { SummaryResponse, TopicsResponse } from '../api/contract.ts';
import { CSV_BOM, csvLine } from '../respond/csv.ts';
import { nameIn } from './figures.ts';

/**
 * The publishable downloads of a summary, in its language: the text file, and the category table as
 * CSV or XLSX with names (not codes), percentages as percentages, the period, the source and (for
 * press) the method note. Count columns stay numeric: a hidden count is an empty cell and the note
 * column says «<5».
 */
const HEAD: Readonly<Record<Lang, { scope: string; office: string; category: string; visits: string; percent: string; note: string; total: string; hidden: string; period: string; categories: string; offices: string }>> = {
  ru: { scope: 'Регион или офис', office: 'Офис', category: 'Категория', visits: 'Обращений', percent: 'Доля, %', note: 'Примечание', total: 'Всего', hidden: 'Категории менее 5 обращений', period: 'Период', categories: 'Категории', offices: 'По офисам' },
  kk: { scope: 'Өңір немесе офис', office: 'Офис', category: 'Санат', visits: 'Жүгіну саны', percent: 'Үлесі, %', note: 'Ескертпе', total: 'Барлығы', hidden: '5-тен аз жүгіну бар санаттар', period: 'Кезең', categories: 'Санаттар', offices: 'Офистер бойынша' },
  en: { scope: 'Region or office', office: 'Office', category: 'Category', visits: 'Visits', percent: 'Share, %', note: 'Note', total: 'Total', hidden: 'Categories with fewer than 5 visits', period: 'Period', categories: 'Categories', offices: 'By office' },
};
const HIDDEN_NOTE = '<5';

const ddmmyyyy = (day: string) => `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}`;
/** [from, to) as the inclusive days a reader expects: 01.11.2026–30.11.2026. */
export function periodRange(p: { from: string; to: string }): string {
  const last = addDays(p.to, -1);
  return last === p.from ? ddmmyyyy(p.from) : `${ddmmyyyy(p.from)}–${ddmmyyyy(last)}`;
}

/** Text file: the paragraph, then the period, source and method lines. */
export function summaryText(s: SummaryResponse): string {
  const f = s.figures;
  return [s.text, '', `${HEAD[f.lang].period}: ${periodRange(f.period)}`, f.source, ...(f.method ? [f.method] : [])].join('\n') + '\n';
}

interface TableRow { scope: string; category: string; visits: number | null; percent: number | null; note: string }

function categoryRows(s: SummaryResponse): TableRow[] {
  const f = s.figures;
  const h = HEAD[f.lang];
  const rows: TableRow[] = f.categories.filter((c) => !c.suppressed).map((c) => ({ scope: f.scope, category: c.name, visits: c.visits, percent: c.percent, note: '' }));
  for (const c of f.categories.filter((x) => x.suppressed)) rows.push({ scope: f.scope, category: c.name, visits: null, percent: null, note: HIDDEN_NOTE });
  if (f.hiddenPercent !== null) rows.push({ scope: f.scope, category: h.hidden, visits: null, percent: f.hiddenPercent, note: HIDDEN_NOTE });
  rows.push({ scope: f.scope, category: h.total, visits: f.total, percent: f.total ? 100 : null, note: f.total === null ? HIDDEN_NOTE : '' });
  return rows;
}

export function summaryCsv(s: SummaryResponse): string {
  const f = s.figures;
  const h = HEAD[f.lang];
  const lines = [csvLine([h.scope, h.category, h.visits, h.percent, h.note])];
  for (const r of categoryRows(s)) lines.push(csvLine([r.scope, r.category, r.visits, r.percent, r.note]));
  lines.push(csvLine([]), csvLine([`${h.period}: ${periodRange(f.period)}`]), csvLine([f.source]));
  if (f.method) lines.push(csvLine([f.method]));
  return `${CSV_BOM}${lines.join('')}`;
}

export async function summaryXlsx(s: SummaryResponse, topics: TopicsResponse, offices: readonly OfficeRow[]): Promise<Buffer> {
  const f = s.figures;
  const h = HEAD[f.lang];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Vitrina';
  const footer = (ws: ExcelJS.Worksheet) => {
    ws.addRow([]);
    ws.addRow([f.source]);
    if (f.method) ws.addRow([f.method]);
  };
  const cats = wb.addWorksheet(h.categories);
  cats.addRow([f.title]).font = { bold: true, size: 13 };
  cats.addRow([`${f.scope} · ${h.period}: ${periodRange(f.period)}`]);
  cats.addRow([]);
  cats.addRow([h.category, h.visits, h.percent, h.note]).font = { bold: true };
  for (const r of categoryRows(s)) {
    const row = cats.addRow([r.category, r.visits, r.percent === null ? null : r.percent / 100, r.note || null]);
    row.getCell(3).numFmt = '0%';
  }
  footer(cats);
  cats.columns.forEach((c, i) => { c.width = i === 0 ? 44 : 16; });

  const byCode = new Map(offices.map((o) => [o.code, o]));
  const per = wb.addWorksheet(h.offices);
  per.addRow([h.office, h.category, h.visits, h.note]).font = { bold: true };
  for (const r of topics.perOffice) {
    const o = byCode.get(r.office);
    per.addRow([o ? nameIn(f.lang, o) : r.office, CATEGORY_LABELS[r.category][f.lang], r.visits, r.visits === null ? HIDDEN_NOTE : null]);
  }
  footer(per);
  per.columns.forEach((c, i) => { c.width = i < 2 ? 36 : 14; });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
