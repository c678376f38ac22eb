import type { Category } from '../../domain/categories.ts';
import type { Lang } from '../../domain/labels.ts';

/**
 * How each category reads inside a sentence. The domain labels (domain/categories.ts) are
 * headings in the nominative; a sentence needs the phrase a writer would use: «обращались по
 * вопросам миграции», «көші-қон мәселелері бойынша жүгінді», "visits concerned migration".
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
