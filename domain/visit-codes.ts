import type { Labels } from './labels.ts';

/** Visit outcome codes (data contract §2); the text as written is kept beside the code. */
export const OUTCOMES = ['consultation', 'statement_accepted', 'referred', 'refused'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const OUTCOME_LABELS: Readonly<Record<Outcome, Labels>> = {
  consultation: { ru: 'Консультация', kk: 'Кеңес берілді', en: 'Consultation' },
  statement_accepted: { ru: 'Заявление принято', kk: 'Өтініш қабылданды', en: 'Statement accepted' },
  referred: { ru: 'Направлен', kk: 'Жіберілді', en: 'Referred' },
  refused: { ru: 'Отказано', kk: 'Бас тартылды', en: 'Refused' },
};

export const CHANNELS = ['walk_in', 'e_queue', 'appointment', 'duty_unit'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_LABELS: Readonly<Record<Channel, Labels>> = {
  walk_in: { ru: 'Без записи', kk: 'Жазылусыз', en: 'Walk-in' },
  e_queue: { ru: 'Электронная очередь', kk: 'Электрондық кезек', en: 'E-queue' },
  appointment: { ru: 'По записи', kk: 'Жазылу бойынша', en: 'Appointment' },
  duty_unit: { ru: 'Из дежурной части', kk: 'Кезекші бөлімнен', en: 'From the duty unit' },
};

export const IIN_STATUSES = ['valid', 'invalid', 'absent'] as const;
export type IinStatus = (typeof IIN_STATUSES)[number];

/** Why a row was quarantined (data contract §5). */
export const QUARANTINE_REASONS = ['malformed', 'bad_time', 'unknown_office', 'time_order', 'out_of_range'] as const;
export type QuarantineReason = (typeof QUARANTINE_REASONS)[number];

export const FILE_FORMATS = ['csv', 'xlsx', 'jsonl', 'arrow', 'inspection'] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

export const FILE_STATUSES = ['loaded', 'skipped_duplicate', 'rejected'] as const;
export type FileStatus = (typeof FILE_STATUSES)[number];
