import iconv from 'iconv-lite';
import { clockText } from './almaty-time.ts';
import type { FileGroup } from './file-group.ts';
import { plantIndex } from './file-group.ts';
import type { DemoVisit } from './generate-visits.ts';
import type { CsvPlan } from './office-plan.ts';
import { boolText, dottedDate, outcomeText, pad3, toCp1251Lookalikes } from './written.ts';

/** E-queue CSV exports (format A): Russian headers, DD.MM.YYYY dates, the office's own habits. */
const TIME_HEADERS = ['Дата', 'Время прихода', 'Время приёма', 'Начало обслуживания', 'Окончание', 'Талон', 'Цель визита', 'Служба', 'Результат', 'ИИН'];

export function writeCsv(plan: CsvPlan, group: FileGroup): Buffer {
  const headers = [
    ...(plan.officeColumn ? ['Подразделение'] : []),
    ...TIME_HEADERS,
    ...(plan.complianceColumns ? ['Телефон сдан', 'Опрошен на посту'] : []),
    ...(plan.channelColumn ? ['Канал'] : []),
  ];
  const lines = [headers.map((h) => quote(h, plan.delimiter)).join(plan.delimiter)];
  const at = plantIndex(group);
  group.visits.forEach((visit, i) => {
    if (i === at && group.plant) lines.push(csvLine(plan, plantedCells(plan, group.plant, visit)));
    lines.push(csvLine(plan, visitCells(plan, visit)));
  });
  const windows = plan.encoding !== 'utf8';
  const text = `${lines.join(windows ? '\r\n' : '\n')}${windows ? '\r\n' : '\n'}`;
  if (plan.encoding === 'cp1251') return iconv.encode(toCp1251Lookalikes(text), 'win1251');
  return Buffer.from(plan.encoding === 'utf8-bom' ? `\uFEFF${text}` : text, 'utf8');
}

function visitCells(plan: CsvPlan, v: DemoVisit): string[] {
  const time = (s: number | null): string => (s === null ? '' : clockText(s, plan.seconds));
  return [
    ...(plan.officeColumn ? [plan.officeColumn] : []),
    dottedDate(v.date), time(v.arrived), time(v.admitted), time(v.started), time(v.finished),
    `${plan.ticketPrefix}${plan.ticketPrefix ? pad3(v.ticket) : v.ticket}`,
    v.topic_text, v.service ?? '', outcomeText(plan.outcomes, v.outcome), iinCell(plan, v.iin),
    ...(plan.complianceColumns ? [boolText(plan.bools, v.phone_surrendered), boolText(plan.bools, v.checkpoint_questioned)] : []),
    ...(plan.channelColumn ? [v.channel] : []),
  ];
}

/** The bad row real exports carry now and then, made from a neighbouring visit. */
function plantedCells(plan: CsvPlan, plant: NonNullable<FileGroup['plant']>, v: DemoVisit): string[] {
  const cells = visitCells(plan, { ...v, ticket: 999, iin: null });
  const col = (name: string): number => (plan.officeColumn ? 1 : 0) + TIME_HEADERS.indexOf(name);
  if (plant === 'bad_time') cells[col('Время прихода')] = '24:75';
  if (plant === 'out_of_range') cells[col('Дата')] = `14.03.2015`;
  if (plant === 'time_order') cells[col('Время приёма')] = clockText(Math.max(0, v.arrived - 35 * 60), plan.seconds);
  if (plant === 'malformed') cells.splice(3);
  return cells;
}

function iinCell(plan: CsvPlan, iin: string | null): string {
  if (iin === null) return '';
  return plan.iinLostZeros ? iin.replace(/^0+(?=\d)/, '') : iin;
}

function csvLine(plan: CsvPlan, cells: string[]): string {
  return cells.map((c) => quote(c, plan.delimiter)).join(plan.delimiter);
}

function quote(cell: string, delimiter: string): string {
  if (!cell.includes(delimiter) && !cell.includes('"') && !cell.includes('\n')) return cell;
  return `"${cell.replace(/"/g, '""')}"`;
}
