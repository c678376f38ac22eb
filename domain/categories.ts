import type { Labels } from './labels.ts';

/**
 * Topic categories (data contract §6). The array order is the precedence when one text names two
 * topics: the first listed wins (a beaten child is violence, a lost driving licence is traffic).
 */
export const CATEGORIES = [
  'complaint', 'missing', 'violence', 'fraud', 'theft', 'juvenile', 'weapons', 'traffic',
  'migration', 'documents', 'administrative', 'consultation', 'unspecified',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_LABELS: Readonly<Record<Category, Labels>> = {
  complaint: { ru: 'Жалобы на сотрудников', kk: 'Қызметкерлерге шағым', en: 'Complaints about officers' },
  missing: { ru: 'Розыск и пропавшие', kk: 'Іздестіру және хабар-ошарсыз кеткендер', en: 'Missing and wanted persons' },
  violence: { ru: 'Насилие и угрозы', kk: 'Зорлық-зомбылық және қорқыту', en: 'Violence and threats' },
  fraud: { ru: 'Мошенничество', kk: 'Алаяқтық', en: 'Fraud' },
  theft: { ru: 'Кражи и грабежи', kk: 'Ұрлық және тонау', en: 'Theft and robbery' },
  juvenile: { ru: 'Несовершеннолетние', kk: 'Кәмелетке толмағандар', en: 'Juveniles' },
  weapons: { ru: 'Оружие', kk: 'Қару', en: 'Weapons' },
  traffic: { ru: 'Дорожная полиция', kk: 'Жол полициясы', en: 'Traffic' },
  migration: { ru: 'Миграционная полиция', kk: 'Көші-қон полициясы', en: 'Migration' },
  documents: { ru: 'Справки и документы', kk: 'Анықтамалар және құжаттар', en: 'Certificates and documents' },
  administrative: { ru: 'Административная полиция', kk: 'Әкімшілік полиция', en: 'Administrative matters' },
  consultation: { ru: 'Консультации', kk: 'Кеңес алу', en: 'Consultations' },
  unspecified: { ru: 'Не указано', kk: 'Көрсетілмеген', en: 'Unspecified' },
};

export function isCategory(value: string): value is Category {
  return (CATEGORIES as readonly string[]).includes(value);
}
