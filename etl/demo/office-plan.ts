import type { DemoOffice } from './scenario.ts';
import type { BoolStyle, OutcomeStyle } from './written.ts';
import { MONTHS_KK, MONTHS_RU, pad2, ROMAN_QUARTERS } from './written.ts';

/**
 * Which office sends which format (fixed, so tests and the README can name them). The split follows
 * what the offices really have: most run an e-queue that exports CSV, a few keep a paper journal
 * typed into Excel, three have the tablet app (JSONL), two export Arrow from the regional system.
 * File names name the office in the spellings people use; KRS names it only in a column.
 */
export interface Period { year: number; month: number }

export type QuarantinePlant = 'bad_time' | 'time_order' | 'out_of_range' | 'malformed';

interface PlanBase {
  fileName(p: Period): string;
  /** One bad row planted in the office's first file. */
  plant?: QuarantinePlant;
}

export interface CsvPlan extends PlanBase {
  format: 'csv';
  encoding: 'utf8-bom' | 'utf8' | 'cp1251';
  delimiter: ';' | ',' | '\t';
  bools: BoolStyle;
  outcomes: OutcomeStyle;
  seconds: boolean;
  ticketPrefix: string;
  /** The office as written in an `Подразделение` column, when the export has one. */
  officeColumn?: string;
  channelColumn?: boolean;
  /** Older exports have no phone / post-questioning columns. */
  complianceColumns: boolean;
  /** The export went through Excel, which turned IINs into numbers and dropped their leading zeros. */
  iinLostZeros?: boolean;
}

export interface XlsxPlan extends PlanBase {
  format: 'xlsx';
  /** One file per year or quarter (a sheet per month), or one per month. */
  span: 'year' | 'quarter' | 'month';
  language: 'kk' | 'ru';
  title: string;
  /** Share of rows whose date was typed as text instead of an Excel date. */
  textDateShare: number;
}

export interface JsonlPlan extends PlanBase {
  format: 'jsonl';
  office: string | null;
  visitRef: boolean;
  omitNulls: boolean;
  outcomes: OutcomeStyle;
}

export interface ArrowPlan extends PlanBase {
  format: 'arrow';
  ipc: 'file' | 'stream';
  span: 'year' | 'quarter';
  /** Timestamps with a zone are instants; without one, Almaty wall-clock (contract §2). */
  zoned: boolean;
}

export type OfficePlan = CsvPlan | XlsxPlan | JsonlPlan | ArrowPlan;

const ym = (p: Period): string => `${p.year}-${pad2(p.month)}`;
const ruMonth = (p: Period): string => `${MONTHS_RU[p.month - 1]} ${p.year}`;
const quarter = (p: Period): number => Math.floor((p.month - 1) / 3) + 1;
const csv = (plan: Omit<CsvPlan, 'format'>): CsvPlan => ({ format: 'csv', ...plan });

export const OFFICE_PLANS: Readonly<Record<DemoOffice, OfficePlan>> = {
  TDK: csv({ fileName: (p) => `ГОП Талдыкорган ${ym(p)}.csv`, encoding: 'utf8-bom', delimiter: ';', bools: 'да/нет', outcomes: 'ru', seconds: true, ticketPrefix: 'А', complianceColumns: true }),
  KPG: { format: 'jsonl', fileName: (p) => `kapshagay_${ym(p)}.jsonl`, office: 'KPG', visitRef: true, omitNulls: false, outcomes: 'code' },
  TKL: { format: 'xlsx', fileName: (p) => `Текели журнал ${ym(p)}.xlsx`, span: 'month', language: 'ru', title: 'Журнал учёта посетителей фронт-офиса ГОП Текели', textDateShare: 0 },
  AKS: { format: 'arrow', fileName: (p) => `AKS_${p.year}.arrow`, ipc: 'file', span: 'year', zoned: true },
  ALK: csv({ fileName: (p) => `ALK_${ym(p)}.csv`, encoding: 'utf8-bom', delimiter: ';', bools: '+/-', outcomes: 'ru', seconds: false, ticketPrefix: '', complianceColumns: true, iinLostZeros: true, plant: 'bad_time' }),
  BLH: csv({ fileName: (p) => `Балхашский РОП ${ruMonth(p)}.csv`, encoding: 'cp1251', delimiter: ';', bools: 'да/нет', outcomes: 'ru', seconds: false, ticketPrefix: '', complianceColumns: false }),
  ESK: csv({ fileName: (p) => `Eskeldi ${ym(p)}.csv`, encoding: 'utf8', delimiter: ',', bools: 'иә/жоқ', outcomes: 'kk', seconds: true, ticketPrefix: '', complianceColumns: true }),
  ZHM: csv({ fileName: (p) => `Жамбылский РОП ${ym(p)}.csv`, encoding: 'cp1251', delimiter: ';', bools: 'да/нет', outcomes: 'ru-lower', seconds: false, ticketPrefix: 'Б', complianceColumns: true, plant: 'out_of_range' }),
  ILE: { format: 'jsonl', fileName: (p) => `ile_${p.year}_${pad2(p.month)}.ndjson`, office: 'Илийский РОП', visitRef: false, omitNulls: true, outcomes: 'ru' },
  KRS: csv({ fileName: (p) => `выгрузка ЭО ${ym(p)}.csv`, encoding: 'utf8-bom', delimiter: ';', bools: '1/0', outcomes: 'ru', seconds: true, ticketPrefix: '', officeColumn: 'Карасайский РОП', channelColumn: true, complianceColumns: true }),
  KRT: csv({ fileName: (p) => `KRT_${ym(p)}.csv`, encoding: 'cp1251', delimiter: ';', bools: 'да/нет', outcomes: 'ru', seconds: false, ticketPrefix: '', complianceColumns: true, plant: 'time_order' }),
  KEG: { format: 'xlsx', fileName: (p) => `Кеген ${ROMAN_QUARTERS[quarter(p) - 1]} тоқсан ${p.year}.xlsx`, span: 'quarter', language: 'kk', title: 'Кеген аудандық полиция бөлімі. Келушілерді тіркеу журналы', textDateShare: 0.05 },
  KRB: { format: 'arrow', fileName: (p) => `Kerbulak ${p.year} Q${quarter(p)}.arrow`, ipc: 'stream', span: 'quarter', zoned: false },
  KSU: { format: 'xlsx', fileName: (p) => `Көксу ауданы ${p.year}.xlsx`, span: 'year', language: 'kk', title: 'Көксу АПБ фронт-офисі — келушілер журналы', textDateShare: 0 },
  PNF: csv({ fileName: (p) => `Жаркент ${ym(p)}.csv`, encoding: 'utf8', delimiter: '\t', bools: 'да/нет', outcomes: 'ru', seconds: false, ticketPrefix: '', complianceColumns: true }),
  RMB: csv({ fileName: (p) => `Райымбек ауданы ${ruMonth(p)}.csv`, encoding: 'cp1251', delimiter: ';', bools: '1/0', outcomes: 'ru', seconds: false, ticketPrefix: '', complianceColumns: true }),
  SRK: csv({ fileName: (p) => `Сарканский РОП ${ruMonth(p)}.csv`, encoding: 'utf8-bom', delimiter: ';', bools: 'да/нет', outcomes: 'ru', seconds: false, ticketPrefix: '', complianceColumns: true }),
  TLG: { format: 'xlsx', fileName: (p) => `Талғар ауданы ${p.year}.xlsx`, span: 'year', language: 'kk', title: 'Талғар аудандық полиция басқармасы', textDateShare: 0.1 },
  UYG: csv({ fileName: (p) => `UYG_${ym(p)}.csv`, encoding: 'cp1251', delimiter: ';', bools: '+/-', outcomes: 'ru', seconds: false, ticketPrefix: '', complianceColumns: true }),
  ENB: { format: 'jsonl', fileName: (p) => `ENB-${ym(p)}.jsonl`, office: null, visitRef: true, omitNulls: false, outcomes: 'ru-lower', plant: 'malformed' },
};

/** The key of the file a visit of `p` goes to under a plan (visits sharing a key share a file). */
export function fileKey(plan: OfficePlan, p: Period): string {
  const span = plan.format === 'xlsx' || plan.format === 'arrow' ? plan.span : 'month';
  if (span === 'year') return `${p.year}`;
  if (span === 'quarter') return `${p.year}-Q${quarter(p)}`;
  return ym(p);
}

export { MONTHS_KK };
