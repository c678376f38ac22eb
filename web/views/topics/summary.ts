import type { Category } from '../../../sql/domain/categories.ts';
import type { Lang } from '../../../sql/domain/labels.ts';

/**
 * How each category reads inside a sentence. The domain labels (sql/domain/categories.ts) are
 * headings in the nominative; a sentence needs the phrase a writer would use: "обращались по
 * вопросам миграции", "көші-қон мәселелері бойынша жүгінді", "asked about migration".
 */
export const TOPIC_PHRASES: Readonly<Record<Category, Readonly<Record<Lang, string>>>> = {
  complaint: { ru: 'с жалобами на сотрудников', kk: 'қызметкерлерге шағыммен', en: 'complaints against officers' },
  missing: { ru: 'по поводу пропавших и розыска', kk: 'хабар-ошарсыз кеткендер мен іздестіру бойынша', en: 'missing and wanted persons' },
  violence: { ru: 'по поводу насилия и угроз', kk: 'зорлық-зомбылық пен қорқыту бойынша', en: 'violence and threats' },
  fraud: { ru: 'по поводу мошенничества', kk: 'алаяқтық бойынша', en: 'fraud' },
  theft: { ru: 'по поводу краж и грабежей', kk: 'ұрлық пен тонау бойынша', en: 'theft and robbery' },
  juvenile: { ru: 'по делам несовершеннолетних', kk: 'кәмелетке толмағандар мәселесі бойынша', en: 'juvenile matters' },
  weapons: { ru: 'по вопросам оружия', kk: 'қару мәселесі бойынша', en: 'weapons' },
  traffic: { ru: 'по вопросам дорожной полиции', kk: 'жол полициясы мәселелері бойынша', en: 'traffic matters' },
  migration: { ru: 'по вопросам миграции', kk: 'көші-қон мәселелері бойынша', en: 'migration' },
  documents: { ru: 'за справками и документами', kk: 'анықтамалар мен құжаттар бойынша', en: 'certificates and documents' },
  administrative: { ru: 'по административным вопросам', kk: 'әкімшілік мәселелер бойынша', en: 'administrative matters' },
  consultation: { ru: 'за консультацией', kk: 'кеңес алу үшін', en: 'legal advice' },
  unspecified: { ru: 'без указания цели', kk: 'мақсатын көрсетпей', en: 'unstated matters' },
};

export interface SummaryInput {
  /** Who the numbers are about, already in the summary's language: "Фронт-офисы полиции Алматинской области". */
  scope: string;
  /** The period as people read it, in the summary's language. */
  period: string;
  /** Total visits as published ("1 234" or "<5"). */
  total: string;
  /** The same number for grammatical agreement (null when suppressed). */
  count: number | null;
  /** Change on the previous period, formatted ("+12 %"), or null when not compared. */
  change: string | null;
  /** Categories by share, largest first, shares formatted ("31 %"); suppressed ones are left out by the caller. */
  top: readonly { category: Category; share: string }[];
}

/** обращение / обращения / обращений, as Russian agrees a noun with a number. */
function ruVisits(n: number | null): string {
  if (n === null) return 'обращений';
  const form = new Intl.PluralRules('ru').select(n);
  return form === 'one' ? 'обращение' : form === 'few' ? 'обращения' : 'обращений';
}

function phrase(lang: Lang, top: SummaryInput['top'][number]): string {
  return `${TOPIC_PHRASES[top.category][lang]} (${top.share})`;
}

/**
 * A short summary for publication, from the numbers only (no visitor's text ever goes in):
 * "Чаще всего обращались по вопросам миграции (31 %) и по административным вопросам (22 %)…".
 */
export function writeSummary(lang: Lang, s: SummaryInput): string {
  const [a, b, c] = s.top;
  const parts: string[] = [];
  if (lang === 'ru') {
    parts.push(`${s.scope}: за период ${s.period} — ${s.total} ${ruVisits(s.count)}${s.change ? ` (${s.change} к предыдущему периоду)` : ''}.`);
    if (a) parts.push(`Чаще всего обращались ${phrase('ru', a)}${b ? ` и ${phrase('ru', b)}` : ''}${c ? `, реже — ${phrase('ru', c)}` : ''}.`);
  } else if (lang === 'kk') {
    parts.push(`${s.scope}: ${s.period} аралығында ${s.total} жүгіну тіркелді${s.change ? ` (алдыңғы кезеңмен салыстырғанда ${s.change})` : ''}.`);
    if (a) parts.push(`Көбінесе ${phrase('kk', a)}${b ? ` және ${phrase('kk', b)}` : ''} жүгінді${c ? `, одан кейін — ${phrase('kk', c)}` : ''}.`);
  } else {
    parts.push(`${s.scope}: ${s.total} ${s.count === 1 ? 'visit' : 'visits'} in ${s.period}${s.change ? ` (${s.change} on the previous period)` : ''}.`);
    if (a) parts.push(`Most visitors asked about ${phrase('en', a)}${b ? ` and ${phrase('en', b)}` : ''}${c ? `, followed by ${phrase('en', c)}` : ''}.`);
  }
  return parts.join(' ');
}
