import type ExcelJS from 'exceljs';
import { clockText } from './almaty-time.ts';
import type { FileGroup } from './file-group.ts';
import { fixZipTimes } from './fix-zip-times.ts';
import type { DemoVisit } from './generate-visits.ts';
import type { XlsxPlan } from './office-plan.ts';
import { boolText, dottedDate, MONTHS_KK, MONTHS_RU, outcomeText } from './written.ts';

/**
 * Paper journals typed into Excel (format B): a title row or two above the headers, a sheet per
 * month, dates as Excel date cells (now and then typed as text), times typed as text.
 */
const HEADERS = {
  kk: ['№', 'Күні', 'Келген уақыты', 'Қабылданған уақыты', 'Қызмет көрсету басталды', 'Аяқталды', 'Мақсаты', 'Қызмет', 'Нәтиже', 'ЖСН', 'Телефон тапсырылды', 'Бекетте сұралды'],
  ru: ['№ п/п', 'Дата', 'Время прихода', 'Время приема', 'Начало обслуживания', 'Время окончания', 'Цель визита', 'Служба', 'Результат', 'ИИН', 'Телефон сдан', 'Опрошен на посту'],
} as const;

// Fixed document dates: the same seed must give the same bytes.
const DOCUMENT_DATE = new Date(Date.UTC(2018, 0, 1));

export async function writeXlsx(plan: XlsxPlan, group: FileGroup): Promise<Buffer> {
  // exceljs takes over a second to load: only a command that writes workbooks pays for it.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Фронт-офис';
  workbook.lastModifiedBy = 'Фронт-офис';
  workbook.created = DOCUMENT_DATE;
  workbook.modified = DOCUMENT_DATE;
  const byMonth = new Map<number, DemoVisit[]>();
  for (const v of group.visits) {
    const month = group.days[v.dayIndex]!.month;
    const list = byMonth.get(month);
    if (list) list.push(v);
    else byMonth.set(month, [v]);
  }
  for (const [month, visits] of byMonth) addMonthSheet(workbook, plan, month, group.period.year, visits);
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return fixZipTimes(buffer);
}

function addMonthSheet(workbook: ExcelJS.Workbook, plan: XlsxPlan, month: number, year: number, visits: DemoVisit[]): void {
  const kk = plan.language === 'kk';
  const monthName = kk ? MONTHS_KK[month - 1]! : MONTHS_RU[month - 1]!;
  const sheet = workbook.addWorksheet(`${monthName} ${year}`);
  sheet.addRow([plan.title]);
  sheet.addRow([kk ? `${year} жылғы ${monthName.toLowerCase()}` : `за ${monthName} ${year} г.`]);
  sheet.addRow(HEADERS[plan.language]);
  sheet.getRow(3).font = { bold: true };
  const yes = kk ? 'иә/жоқ' : 'да/нет';
  visits.forEach((v, i) => {
    const textDate = ((v.dayIndex * 7 + v.ticket * 13) % 100) < plan.textDateShare * 100;
    const time = (s: number | null): string => (s === null ? '' : clockText(s, false));
    const row = sheet.addRow([
      i + 1,
      textDate ? dottedDate(v.date) : new Date(`${v.date}T00:00:00Z`),
      time(v.arrived), time(v.admitted), time(v.started), time(v.finished),
      v.topic_text, v.service ?? '', outcomeText(kk ? 'kk' : 'ru', v.outcome), v.iin ?? '',
      boolText(yes, v.phone_surrendered), boolText(yes, v.checkpoint_questioned),
    ]);
    if (!textDate) row.getCell(2).numFmt = 'dd.mm.yyyy';
  });
  sheet.getColumn(7).width = 40;
}
