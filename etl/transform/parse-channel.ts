import { CHANNELS, type Channel } from '../../domain/visit-codes.ts';
import type { RawValue } from '../model.ts';
import { foldPhrase } from './fold-text.ts';

/**
 * Stems per channel over folded text, checked in order: "кезекші бөлім" (duty unit) before "кезек"
 * (queue), "электронная очередь" before "живая очередь", "без записи" before "по записи".
 */
const PATTERNS: readonly (readonly [Channel, RegExp])[] = [
  ['duty_unit', /(^| )(дежурн|дч|кезекши|duty)/],
  ['e_queue', /(^| )(электрон|эл очеред|э очеред|е кезек|e queue|equeue|electronic|терминал|талон|онлайн очеред)/],
  ['walk_in', /(^| )(жив|без запис|самотек|лично|самостоят|жазылусыз|тири кезек|walk|in person)/],
  ['appointment', /(^| )(запис|жазылу бойынша|алдын ала|appointment|booked|booking|предварител)/],
];

const CODES = new Set<string>(CHANNELS);

/** A channel code from a code or ru/kk/en wording; unknown text is null. */
export function parseChannel(value: RawValue | undefined): Channel | null {
  if (value === null || value === undefined || typeof value === 'boolean') return null;
  const text = String(value).trim().toLowerCase();
  if (text === '') return null;
  if (CODES.has(text)) return text as Channel;
  const folded = foldPhrase(text);
  if (CODES.has(folded.replace(/ /g, '_'))) return folded.replace(/ /g, '_') as Channel;
  for (const [channel, pattern] of PATTERNS) {
    if (pattern.test(folded)) return channel;
  }
  return null;
}
