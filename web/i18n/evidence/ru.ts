import type { EvidenceTemplates, InspectionFact, Seen } from '../../../sql/domain/evidence.ts';
import { fmtDay, fmtFixed, fmtInt, fmtNum, fmtShare } from '../format.ts';

const RULES = new Intl.PluralRules('ru');
/** Russian agrees the noun with the number: forms for one (1, 21), few (2–4) and many (5–20). */
function noun(n: number, one: string, few: string, many: string): string {
  const cat = RULES.select(n);
  return cat === 'one' ? one : cat === 'few' ? few : many;
}
const min = (m: number): string => `${fmtFixed(m)} мин`;
const pct = (share: number): string => fmtShare(share, 1);
const SEEN: Readonly<Record<'yes' | 'no', string>> = { yes: 'да', no: 'нет' };
const seen = (s: Seen): string => (s === null ? 'не отмечено' : SEEN[s]);

/** What the inspector was asked. */
const INSPECTED: Readonly<Record<InspectionFact, string>> = {
  bars: 'решётки на окнах или дверях',
  perimeter: 'офис внутри охраняемого периметра',
  phone: 'телефоны забирают на входе',
  questioning: 'охрана расспрашивает посетителей',
};
/** What the visit log records about one visitor. */
const RECORDED: Readonly<Record<InspectionFact, string>> = {
  bars: 'Решётки на окнах или дверях',
  perimeter: 'Офис внутри охраняемого периметра',
  phone: 'Телефон сдан на входе',
  questioning: 'Опрошен охраной на посту',
};

export const EVIDENCE_RU: EvidenceTemplates = {
  inspection: (p) => `Проверка ${fmtDay(p.date)}${p.inspector ? ` (${p.inspector})` : ''}: ${INSPECTED[p.fact]} — ${seen(p.seen)}`,
  no_inspection: () => 'До конца периода проверок не было',
  no_admitted_visits: () => 'За период нет принятых посетителей',
  pass_delay_p90: (p) => `p90 задержки на входе — ${min(p.p90_min)} по ${fmtInt(p.visits)} `
    + `${noun(p.visits, 'принятому посетителю', 'принятым посетителям', 'принятым посетителям')} `
    + `(порог ${fmtNum(p.threshold_min)} мин); максимум ${min(p.max_min)}`,
  pass_delay_share: (p) => `Ждали входа дольше ${fmtNum(p.threshold_min)} мин: ${fmtInt(p.over)} из ${fmtInt(p.visits)} `
    + `${noun(p.visits, 'принятого', 'принятых', 'принятых')} — ${pct(p.share)} (порог ${pct(p.threshold_share)})`,
  not_admitted: (p) => `Без отметки о времени входа, не учтены: ${fmtInt(p.count)}`,
  visits_share: (p) => `${RECORDED[p.fact]}: ${fmtInt(p.yes)} из ${fmtInt(p.known)} `
    + `${noun(p.known, 'посетителя', 'посетителей', 'посетителей')} с отметкой — ${pct(p.share)} (порог ${pct(p.threshold_share)})`,
  visits_unrecorded: (p) => `${RECORDED[p.fact]}: не отмечено ни у одного посетителя`,
  visits_without_field: (p) => `Без отметки, не учтены: ${fmtInt(p.count)}`,
  no_statements: () => 'Нет принятых заявлений с временем прихода и окончания приёма',
  application_p90: (p) => `p90 времени приёма заявления — ${min(p.p90_min)} по ${fmtInt(p.statements)} `
    + `${noun(p.statements, 'заявлению', 'заявлениям', 'заявлениям')} (порог ${fmtNum(p.threshold_min)} мин)`,
  application_spread: (p) => `Медиана ${min(p.p50_min)}, максимум ${min(p.max_min)}; норматив 15–20 мин`,
  statements_without_finish: (p) => `Заявления без времени окончания приёма, не учтены: ${fmtInt(p.count)}`,
  no_past_day: () => 'В периоде ещё нет прошедших дней',
  no_visit_short: (p) => `За ${fmtInt(p.days)} ${noun(p.days, 'день', 'дня', 'дней')} не отмечено ни одного посещения`,
  no_visit_at_all: (p) => `За ${fmtInt(p.days)} ${noun(p.days, 'день', 'дня', 'дней')}`
    + `${p.from && p.to ? ` (${fmtDay(p.from)} – ${fmtDay(p.to)})` : ''} не отмечено ни одного посещения`,
  longest_gap: (p) => `Самый долгий перерыв без посещений — ${fmtInt(p.days)} ${noun(p.days, 'день', 'дня', 'дней')}: `
    + `${fmtDay(p.from)} – ${fmtDay(p.to)}`,
  visit_every_day: () => 'Посещения отмечены каждый день',
  active_days: (p) => `Посещения отмечены в ${fmtInt(p.active)} из ${fmtInt(p.days)} ${noun(p.days, 'дня', 'дней', 'дней')}`,
};
