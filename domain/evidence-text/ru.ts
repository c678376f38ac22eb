import type { EvidenceTemplates, InspectionFact, Seen } from '../evidence.ts';
import type { EvidenceFormats } from './formats.ts';
import { STATEMENT_RANGE_TEXT } from '../standards.ts';

const RULES = new Intl.PluralRules('ru');
/** Russian agrees the noun with the number: forms for one (1, 21), few (2–4) and many (5–20). */
function noun(n: number, one: string, few: string, many: string): string {
  const cat = RULES.select(n);
  return cat === 'one' ? one : cat === 'few' ? few : many;
}
const SEEN: Readonly<Record<'yes' | 'no', string>> = { yes: 'да', no: 'нет' };

/** What the inspection found, named as a finding. */
const FOUND: Readonly<Record<InspectionFact, string>> = {
  bars: 'Решётки на окнах или дверях',
  bars_windows: 'Решётки на окнах',
  bars_doors: 'Решётки на дверях',
  perimeter: 'Офис за постом охраны',
  phone: 'Телефоны забирают на входе',
  questioning: 'Охрана расспрашивает посетителей',
};
/** What the order requires of that fact. */
const REQUIRED: Readonly<Record<InspectionFact, string>> = {
  bars: 'не допускаются', bars_windows: 'не допускаются', bars_doors: 'не допускаются',
  perimeter: 'приём до поста охраны', phone: 'не допускается', questioning: 'не допускается',
};
const isBars = (f: InspectionFact): boolean => f === 'bars' || f === 'bars_windows' || f === 'bars_doors';
/** Bars "есть" or "нет"; other facts "да" or "нет". */
const found = (f: InspectionFact, s: Seen): string => (s === null ? 'не отмечено' : s === 'no' ? 'нет' : isBars(f) ? 'есть' : SEEN.yes);
/** What the visit log records about one visitor. */
const RECORDED: Readonly<Record<InspectionFact, string>> = {
  bars: 'Решётки на окнах или дверях',
  bars_windows: 'Решётки на окнах',
  bars_doors: 'Решётки на дверях',
  perimeter: 'Офис внутри охраняемого периметра',
  phone: 'Телефон сдан на входе',
  questioning: 'Опрошен охраной на посту',
};

export function evidenceRu(fmt: EvidenceFormats): EvidenceTemplates {
  const min = (m: number): string => `${fmt.num(m)} мин`;
  return {
    inspection: (p) => `${FOUND[p.fact]}: ${found(p.fact, p.seen)} (проверка ${fmt.day(p.date)}${p.inspector ? `, инспектор ${p.inspector}` : ''})`
      + ` — по приказу: ${REQUIRED[p.fact]}`,
    no_inspection: () => 'До конца периода проверок не было',
    no_admitted_visits: () => 'За период нет принятых посетителей',
    pass_delay_p90: (p) => `p90 ${min(p.p90_min)} при нормативе ${fmt.num(p.threshold_min)} мин; максимум ${min(p.max_min)}, `
      + `${noun(p.visits, 'принят', 'принято', 'принято')} ${fmt.int(p.visits)} ${noun(p.visits, 'посетитель', 'посетителя', 'посетителей')}`,
    pass_delay_share: (p) => `${fmt.int(p.over)} из ${fmt.int(p.visits)} ${noun(p.visits, 'принятого', 'принятых', 'принятых')} `
      + `ждали дольше ${fmt.num(p.threshold_min)} мин — ${fmt.pct(p.share)} при допустимых ${fmt.pct(p.threshold_share)}`,
    not_admitted: (p) => `Без отметки о времени входа, не учтены: ${fmt.int(p.count)}`,
    visits_share: (p) => `${RECORDED[p.fact]}: ${fmt.int(p.yes)} из ${fmt.int(p.known)} `
      + `${noun(p.known, 'посетителя', 'посетителей', 'посетителей')} с отметкой — ${fmt.pct(p.share)} (порог ${fmt.pct(p.threshold_share)})`,
    visits_unrecorded: (p) => `${RECORDED[p.fact]}: не отмечено ни у одного посетителя`,
    visits_without_field: (p) => `Без отметки, не учтены: ${fmt.int(p.count)}`,
    no_statements: () => 'Нет принятых заявлений с временем прихода и окончания приёма',
    application_p90: (p) => `p90 времени приёма заявления — ${min(p.p90_min)} по ${fmt.int(p.statements)} `
      + `${noun(p.statements, 'заявлению', 'заявлениям', 'заявлениям')} (порог ${fmt.num(p.threshold_min)} мин)`,
    application_spread: (p) => `Медиана ${min(p.p50_min)}, максимум ${min(p.max_min)}; норматив ${STATEMENT_RANGE_TEXT} мин`,
    statements_without_finish: (p) => `Заявления без времени окончания приёма, не учтены: ${fmt.int(p.count)}`,
    no_past_day: () => 'В периоде ещё нет прошедших дней',
    never_reported: () => 'Не отчитывался: от офиса не поступило ни одного посещения',
    reporting_not_started: (p) => `Учёт ведётся с ${fmt.day(p.start)} (первое посещение) — после этого периода`,
    no_visit_short: (p) => `За ${fmt.int(p.days)} ${noun(p.days, 'день', 'дня', 'дней')} не отмечено ни одного посещения`,
    no_visit_at_all: (p) => `За ${fmt.int(p.days)} ${noun(p.days, 'день', 'дня', 'дней')}`
      + `${p.from && p.to ? ` (${fmt.day(p.from)} – ${fmt.day(p.to)})` : ''} не отмечено ни одного посещения`,
    longest_gap: (p) => `Самый долгий перерыв без посещений — ${fmt.int(p.days)} ${noun(p.days, 'день', 'дня', 'дней')}: `
      + `${fmt.day(p.from)} – ${fmt.day(p.to)}`,
    visit_every_day: () => 'Посещения отмечены каждый день',
    active_days: (p) => `Посещения отмечены в ${fmt.int(p.active)} из ${fmt.int(p.days)} ${noun(p.days, 'дня', 'дней', 'дней')}`,
  };
}
