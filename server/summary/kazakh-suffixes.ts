/**
 * Kazakh case endings for the words a period is written with (month names, «жыл», «тоқсан»,
 * «кезең»). The ending follows the last vowel (back а о ұ ы → а-forms, front ә е ө ү і → е-forms;
 * у and и take their colour from the vowel before) and the last sound: after a vowel or a voiced
 * consonant -да/-дан/-ға, after a voiceless one -та/-тан/-қа (-ке after к), after м н ң the
 * ablative is -нан. «қараша» → қарашада, қарашадан, қарашаға; «қыркүйек» → қыркүйекте, қыркүйектен,
 * қыркүйекке; «желтоқсан» → желтоқсанда, желтоқсаннан, желтоқсанға.
 */
const BACK = new Set([...'аоұыя']);
const FRONT = new Set([...'әеөүіэё']);
const VOWELS = new Set([...'аоұыяәеөүіэёуию']);
const VOICELESS = new Set([...'кқпстфхцчшщ']);
const NASAL = new Set([...'мнң']);

function isFront(word: string): boolean {
  for (let i = word.length - 1; i >= 0; i--) {
    const c = word[i] ?? '';
    if (BACK.has(c)) return false;
    if (FRONT.has(c)) return true;
  }
  return false;
}

type Ending = 'vowel' | 'voiceless' | 'nasal' | 'voiced';

function endingOf(word: string): { sound: Ending; last: string } {
  const last = word.at(-1) ?? '';
  const sound: Ending = VOWELS.has(last) ? 'vowel' : VOICELESS.has(last) ? 'voiceless' : NASAL.has(last) ? 'nasal' : 'voiced';
  return { sound, last };
}

/** Жатыс септік (where/when): қарашада, қыркүйекте, 2026 жылы is not built here (жыл takes -ы). */
export function locative(word: string): string {
  const e = isFront(word) ? 'е' : 'а';
  return `${word}${endingOf(word).sound === 'voiceless' ? 'т' : 'д'}${e}`;
}

/** Шығыс септік (from): қарашадан, қыркүйектен, желтоқсаннан. */
export function ablative(word: string): string {
  const e = isFront(word) ? 'е' : 'а';
  const { sound } = endingOf(word);
  return `${word}${sound === 'voiceless' ? 'т' : sound === 'nasal' ? 'н' : 'д'}${e}н`;
}

/** Барыс септік (to): қарашаға, қыркүйекке, тоқсанға, кезеңге. */
export function dative(word: string): string {
  const front = isFront(word);
  const { sound } = endingOf(word);
  if (sound === 'voiceless') return `${word}${front ? 'ке' : 'қа'}`;
  return `${word}${front ? 'ге' : 'ға'}`;
}
