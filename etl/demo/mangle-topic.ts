import type { Rng } from './prng.ts';
import { randomValidIin } from './iin.ts';

/**
 * Makes a clean phrase look typed by a tired operator: a capital or caps lock, a dropped, doubled or
 * swapped letter, stray punctuation, and now and then the visitor's IIN written into the purpose
 * (the ETL must scrub it). Most phrases pass unchanged.
 */
export function mangleTopic(rng: Rng, phrase: string): string {
  if (phrase.length < 4) return phrase;
  const r = rng.next();
  if (r < 0.6) return phrase;
  if (r < 0.72) return phrase[0]!.toUpperCase() + phrase.slice(1);
  if (r < 0.76) return phrase.toUpperCase();
  const i = rng.int(1, phrase.length - 2);
  if (r < 0.83) return phrase.slice(0, i) + phrase.slice(i + 1); // dropped letter
  if (r < 0.88) return phrase.slice(0, i) + phrase[i + 1] + phrase[i] + phrase.slice(i + 2); // swapped
  if (r < 0.91) return phrase.slice(0, i) + phrase[i] + phrase.slice(i); // doubled
  if (r < 0.97) return `${phrase}${rng.pick(['.', ' ', '!', '..', ' ?', ','])}`;
  if (r < 0.998) return `  ${phrase}`;
  return `${phrase} ИИН ${randomValidIin(rng)}`;
}
