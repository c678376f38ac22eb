/**
 * Folds free text to comparable tokens: lower case, ё→е, Kazakh letters to the Russian look-alikes
 * that Windows-1251 files carry (ә→а ғ→г қ→к ң→н ө→о ұ→у ү→у һ→х і→и), and Latin look-alikes inside a
 * Cyrillic word to Cyrillic (cp1251 typists write "Текелi" with a Latin i, "Аксу" with a Latin A).
 * Punctuation and extra spaces separate tokens and are otherwise dropped.
 */

const CYRILLIC_FOLD: Readonly<Record<string, string>> = {
  'ё': 'е', 'ә': 'а', 'ғ': 'г', 'қ': 'к', 'ң': 'н', 'ө': 'о', 'ұ': 'у', 'ү': 'у', 'һ': 'х', 'і': 'и',
};

/** Latin letters that look like Cyrillic ones (after lower-casing), used only inside Cyrillic words. */
const LATIN_LOOKALIKE: Readonly<Record<string, string>> = {
  a: 'а', b: 'в', c: 'с', e: 'е', h: 'х', i: 'и', k: 'к', m: 'м', o: 'о', p: 'р', t: 'т', x: 'х', y: 'у',
};

const SEPARATOR = /[^\p{L}\p{N}]+/u;
const CYRILLIC = /[\u0400-\u04ff]/;
const NEEDS_FOLD = /[ёәғқңөұүһі]/;

function foldToken(token: string): string {
  let t = NEEDS_FOLD.test(token) ? token.replace(/[ёәғқңөұүһі]/g, (ch) => CYRILLIC_FOLD[ch] ?? ch) : token;
  if (CYRILLIC.test(t) && /[a-z]/.test(t)) t = t.replace(/[a-z]/g, (ch) => LATIN_LOOKALIKE[ch] ?? ch);
  return t;
}

/** The folded words of a text, in order; empty for blank text. */
export function foldTokens(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.toLowerCase().split(SEPARATOR)) {
    if (raw !== '') out.push(foldToken(raw));
  }
  return out;
}

/** The folded words joined by one space: a key for matching short phrases ("Заявление  принято!"). */
export function foldPhrase(text: string): string {
  return foldTokens(text).join(' ');
}
