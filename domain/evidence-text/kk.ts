import type { EvidenceTemplates, InspectionFact, Seen } from '../evidence.ts';
import type { EvidenceFormats } from './formats.ts';
import { STATEMENT_RANGE_TEXT } from '../standards.ts';

// Kazakh leaves the noun after a number in the singular, so no plural forms are needed.
const SEEN: Readonly<Record<'yes' | 'no', string>> = { yes: 'иә', no: 'жоқ' };

/** What the inspection found, named as a finding. */
const FOUND: Readonly<Record<InspectionFact, string>> = {
  bars: 'Терезелер мен есіктердегі тор',
  bars_windows: 'Терезедегі тор',
  bars_doors: 'Есіктегі тор',
  perimeter: 'Офис күзет бекетінің ар жағында',
  phone: 'Кіреберісте телефон алынады',
  questioning: 'Күзет келушілерге сұрақ қояды',
};
/** What the order requires of that fact. */
const REQUIRED: Readonly<Record<InspectionFact, string>> = {
  bars: 'рұқсат етілмейді', bars_windows: 'рұқсат етілмейді', bars_doors: 'рұқсат етілмейді',
  perimeter: 'қабылдау күзет бекетіне дейін', phone: 'рұқсат етілмейді', questioning: 'рұқсат етілмейді',
};
const isBars = (f: InspectionFact): boolean => f === 'bars' || f === 'bars_windows' || f === 'bars_doors';
/** Bars "бар" or "жоқ"; other facts "иә" or "жоқ". */
const found = (f: InspectionFact, s: Seen): string => (s === null ? 'белгіленбеген' : s === 'no' ? 'жоқ' : isBars(f) ? 'бар' : SEEN.yes);
/** What the visit log records about one visitor. */
const RECORDED: Readonly<Record<InspectionFact, string>> = {
  bars: 'Терезелер мен есіктерде тор',
  bars_windows: 'Терезеде тор',
  bars_doors: 'Есікте тор',
  perimeter: 'Офис күзетілетін периметрдің ішінде',
  phone: 'Кіреберісте телефон тапсырылды',
  questioning: 'Бекетте күзет сұрақ қойды',
};

export function evidenceKk(fmt: EvidenceFormats): EvidenceTemplates {
  const min = (m: number): string => `${fmt.num(m)} мин`;
  return {
    inspection: (p) => `${FOUND[p.fact]}: ${found(p.fact, p.seen)} (тексеру ${fmt.day(p.date)}${p.inspector ? `, инспектор ${p.inspector}` : ''})`
      + ` — бұйрық бойынша: ${REQUIRED[p.fact]}`,
    no_inspection: () => 'Кезең аяқталғанға дейін тексеру болмаған',
    no_admitted_visits: () => 'Кезеңде кіргізілген келуші жоқ',
    pass_delay_p90: (p) => `p90 ${min(p.p90_min)}, норматив ${fmt.num(p.threshold_min)} мин; ең ұзағы ${min(p.max_min)}, `
      + `${fmt.int(p.visits)} келуші кіргізілді`,
    pass_delay_share: (p) => `${fmt.int(p.visits)} кіргізілген келушіден ${fmt.int(p.over)} келуші ${fmt.num(p.threshold_min)} минуттан ұзақ күтті — `
      + `${fmt.pct(p.share)}, рұқсат етілген шегі ${fmt.pct(p.threshold_share)}`,
    not_admitted: (p) => `Кіру уақыты белгіленбеген, есепке алынбады: ${fmt.int(p.count)}`,
    visits_share: (p) => `${RECORDED[p.fact]}: белгісі бар ${fmt.int(p.known)} келушіден ${fmt.int(p.yes)} — `
      + `${fmt.pct(p.share)} (шегі ${fmt.pct(p.threshold_share)})`,
    visits_unrecorded: (p) => `${RECORDED[p.fact]}: бірде-бір келушіде белгіленбеген`,
    visits_without_field: (p) => `Белгісі жоқ, есепке алынбады: ${fmt.int(p.count)}`,
    no_statements: () => 'Келу және аяқталу уақыты бар қабылданған өтініш жоқ',
    application_p90: (p) => `Өтінішті қабылдау уақытының p90 мәні — ${min(p.p90_min)}, ${fmt.int(p.statements)} өтініш бойынша `
      + `(шегі ${fmt.num(p.threshold_min)} мин)`,
    application_spread: (p) => `Медианасы ${min(p.p50_min)}, ең ұзағы ${min(p.max_min)}; норматив ${STATEMENT_RANGE_TEXT} мин`,
    statements_without_finish: (p) => `Қабылдау аяқталған уақыты жоқ өтініштер, есепке алынбады: ${fmt.int(p.count)}`,
    no_past_day: () => 'Кезеңде әлі өткен күн жоқ',
    never_reported: () => 'Есеп бермеген: офистен бірде-бір келу жазбасы түспеген',
    reporting_not_started: (p) => `Есеп ${fmt.day(p.start)} бастап жүргізіледі (алғашқы келу) — бұл кезеңнен кейін`,
    no_visit_short: (p) => `${fmt.int(p.days)} күн ішінде бірде-бір келу белгіленбеген`,
    no_visit_at_all: (p) => `${fmt.int(p.days)} күн ішінде${p.from && p.to ? ` (${fmt.day(p.from)} – ${fmt.day(p.to)})` : ''} `
      + 'бірде-бір келу белгіленбеген',
    longest_gap: (p) => `Келусіз ең ұзақ үзіліс — ${fmt.int(p.days)} күн: ${fmt.day(p.from)} – ${fmt.day(p.to)}`,
    visit_every_day: () => 'Келулер күн сайын белгіленген',
    active_days: (p) => `Келулер ${fmt.int(p.days)} күннің ${fmt.int(p.active)} күнінде белгіленген`,
  };
}
