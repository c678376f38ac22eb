import type { Labels } from './labels.ts';

/** Compliance rule codes (data contract §4–5), in the order the matrix shows them. */
export const RULES = [
  'no_bars', 'no_pass_delay', 'no_phone_surrender', 'no_checkpoint_questioning',
  'accessible_location', 'application_time', 'reporting',
] as const;
export type Rule = (typeof RULES)[number];

export const RULE_STATUSES = ['ok', 'breach', 'no_data'] as const;
export type RuleStatus = (typeof RULE_STATUSES)[number];

/** An office's standing over all its rules (the overview's map): any breach wins, then any rule kept. */
export function overallStatus(statuses: readonly RuleStatus[]): RuleStatus {
  if (statuses.includes('breach')) return 'breach';
  if (statuses.includes('ok')) return 'ok';
  return 'no_data';
}

export const RULE_LABELS: Readonly<Record<Rule, Labels>> = {
  no_bars: { ru: 'Без решёток', kk: 'Торсыз', en: 'No bars' },
  no_pass_delay: { ru: 'Вход без задержки', kk: 'Кідіріссіз кіру', en: 'No pass delay' },
  no_phone_surrender: { ru: 'Телефоны не изымаются', kk: 'Телефон алынбайды', en: 'No phone surrender' },
  no_checkpoint_questioning: { ru: 'Без опроса на посту', kk: 'Бекетте сұраусыз', en: 'No checkpoint questioning' },
  accessible_location: { ru: 'Доступное расположение', kk: 'Қолжетімді орналасу', en: 'Accessible location' },
  application_time: { ru: 'Время приёма заявления', kk: 'Өтінішті қабылдау уақыты', en: 'Application time' },
  reporting: { ru: 'Регулярность учёта', kk: 'Есептің тұрақтылығы', en: 'Reporting' },
};
