/**
 * Turns a topic line into the tokens the vocabulary is written in: lower case, ё→е, the Kazakh
 * letters folded to their Windows-1251 look-alikes (ә→а, ғ→г, қ→к, ң→н, ө→о, ұ/ү→у, һ→х, і→и), so
 * "ұрлық" and "урлык" are one word. Digits and punctuation separate words; '-' and '/' stay inside a
 * token only long enough to look up abbreviations such as "уд-ние" or "в/у".
 */

export interface Token {
  text: string;
  /** Written in Latin letters only: matched as English, then again transliterated to Cyrillic. */
  latin: boolean;
}

const SEP = 0;
const CYR = 1;
const LAT = 2;
const JOIN = 3;

/** Character kinds for code points below U+0500 (everything above separates words). */
const KIND = new Uint8Array(0x500);
for (let c = 0x61; c <= 0x7a; c += 1) KIND[c] = LAT;
for (let c = 0xc0; c <= 0x17f; c += 1) if (c !== 0xd7 && c !== 0xf7) KIND[c] = LAT;
for (let c = 0x400; c <= 0x4ff; c += 1) KIND[c] = CYR;
KIND[0x2d] = JOIN; // -
KIND[0x2f] = JOIN; // /

/** Kazakh and Russian letters → the folded lower-case Cyrillic letter (input is lower-cased first). */
const CYRILLIC_FOLD: Readonly<Record<string, string>> = {
  ё: 'е', ә: 'а', ғ: 'г', қ: 'к', ң: 'н', ө: 'о', ұ: 'у', ү: 'у', һ: 'х', і: 'и', ї: 'и', ў: 'у', є: 'е',
};
const CYRILLIC_TO_FOLD = /[ёәғқңөұүһіїўє]/;
const CYRILLIC_TO_FOLD_ALL = /[ёәғқңөұүһіїўє]/g;

/** Latin letters typed inside a Cyrillic word because they look the same ("кражa", "cправка"). */
const LOOKALIKE: Readonly<Record<string, string>> = {
  a: 'а', b: 'в', c: 'с', e: 'е', o: 'о', p: 'р', x: 'х', y: 'у', k: 'к', i: 'и', h: 'х', m: 'м', t: 'т',
};
const LATIN_LETTERS = /[a-z\u00c0-\u017f]/g;

/** Kazakh Latin (2021) and other diacritics → plain Latin, so transliteration sees ASCII. */
const LATIN_FOLD: Readonly<Record<string, string>> = {
  ä: 'a', ğ: 'g', ı: 'y', ñ: 'n', ö: 'o', ş: 'sh', ū: 'u', ü: 'u', ç: 'ch', é: 'e', á: 'a', í: 'i', ó: 'o', ú: 'u',
};
const LATIN_DIACRITICS = /[\u00c0-\u017f]/g;

type Emit = (text: string, latin: boolean) => void;

/** Lower-cased text with ё and the Kazakh letters folded (one native pass in the common case). */
function foldText(text: string): string {
  const lower = text.toLowerCase();
  return CYRILLIC_TO_FOLD.test(lower) ? lower.replace(CYRILLIC_TO_FOLD_ALL, (ch) => CYRILLIC_FOLD[ch] ?? ch) : lower;
}

/** One word of folded text: Latin look-alikes become Cyrillic only when the word has Cyrillic letters. */
function finishWord(word: string, hasCyr: boolean, hasLat: boolean, hasJoin: boolean,
  abbreviations: ReadonlyMap<string, readonly Token[]>, emit: Emit): void {
  let w = word;
  if (hasLat) {
    w = hasCyr
      ? w.replace(LATIN_LETTERS, (ch) => LOOKALIKE[ch] ?? ch)
      : w.replace(LATIN_DIACRITICS, (ch) => LATIN_FOLD[ch] ?? ch);
  }
  const latin = hasLat && !hasCyr;
  if (!hasJoin) {
    emit(w, latin);
    return;
  }
  const expansion = abbreviations.get(w);
  if (expansion) {
    for (const t of expansion) emit(t.text, t.latin);
    return;
  }
  for (const part of w.split(/[-/]+/)) if (part) emit(part, latin);
}

/**
 * Calls emit for each token of a topic line. `abbreviations` maps a folded word with '-' or '/'
 * ("уд-ние", "в/у") to its expansion; any other joined word is split ("ұрып-соқты" → "урып", "сокты").
 */
export function forEachToken(text: string, abbreviations: ReadonlyMap<string, readonly Token[]>, emit: Emit): void {
  const s = foldText(text);
  let start = -1;
  let lastLetter = -1;
  let hasCyr = false;
  let hasLat = false;
  let hasJoin = false;
  for (let i = 0; i <= s.length; i += 1) {
    const c = i < s.length ? s.charCodeAt(i) : 0x20;
    const kind = c < 0x500 ? (KIND[c] ?? SEP) : SEP;
    if (kind === SEP) {
      if (start >= 0) finishWord(s.slice(start, lastLetter + 1), hasCyr, hasLat, hasJoin, abbreviations, emit);
      start = -1;
      continue;
    }
    if (kind === JOIN) {
      if (start >= 0) hasJoin = true;
      continue;
    }
    if (start < 0) {
      start = i;
      hasCyr = false;
      hasLat = false;
      hasJoin = false;
    }
    lastLetter = i;
    if (kind === CYR) hasCyr = true;
    else hasLat = true;
  }
}

export function tokenize(text: string, abbreviations: ReadonlyMap<string, readonly Token[]> = new Map()): Token[] {
  const tokens: Token[] = [];
  forEachToken(text, abbreviations, (t, latin) => tokens.push({ text: t, latin }));
  return tokens;
}

/** The folded form of one vocabulary word, joiners kept ("Ұрлық" → "урлык", "Уд-ние" → "уд-ние"). */
export function foldWord(word: string): Token {
  let w = foldText(word.trim());
  const hasCyr = /[\u0400-\u04ff]/.test(w);
  const hasLat = /[a-z\u00c0-\u017f]/.test(w);
  if (hasLat) {
    w = hasCyr
      ? w.replace(LATIN_LETTERS, (ch) => LOOKALIKE[ch] ?? ch)
      : w.replace(LATIN_DIACRITICS, (ch) => LATIN_FOLD[ch] ?? ch);
  }
  return { text: w, latin: hasLat && !hasCyr };
}

// Russian chat transliteration as people type it; longest spelling first.
const TRANSLIT: ReadonlyArray<readonly [string, string]> = [
  ['shch', 'щ'], ['sch', 'щ'], ['zh', 'ж'], ['kh', 'х'], ['ch', 'ч'], ['sh', 'ш'], ['ts', 'ц'], ['ck', 'к'],
  ['ya', 'я'], ['ja', 'я'], ['yu', 'ю'], ['ju', 'ю'], ['yo', 'е'], ['iya', 'ия'], ['iyu', 'ию'], ['iy', 'ий'], ['yy', 'ый'],
  ['a', 'а'], ['b', 'б'], ['c', 'ц'], ['d', 'д'], ['e', 'е'], ['f', 'ф'], ['g', 'г'], ['h', 'х'], ['i', 'и'],
  ['j', 'ж'], ['k', 'к'], ['l', 'л'], ['m', 'м'], ['n', 'н'], ['o', 'о'], ['p', 'п'], ['q', 'к'], ['r', 'р'],
  ['s', 'с'], ['t', 'т'], ['u', 'у'], ['v', 'в'], ['w', 'в'], ['x', 'х'], ['y', 'ы'], ['z', 'з'],
];

/** TRANSLIT by first letter, in the same order, so only the spellings that can match are tried. */
const TRANSLIT_BY_FIRST: ReadonlyArray<ReadonlyArray<readonly [string, string]>> = Array.from({ length: 128 },
  (_, code) => TRANSLIT.filter(([latin]) => latin.charCodeAt(0) === code));

/** "ugon mashiny" → "угон машины", "kraja" → "кража", "urlyq" → "урлык" (one folded Latin word). */
export function transliterate(word: string): string {
  let out = '';
  let i = 0;
  outer: while (i < word.length) {
    const code = word.charCodeAt(i);
    for (const [latin, cyrillic] of (code < 128 ? TRANSLIT_BY_FIRST[code] : undefined) ?? []) {
      if (word.startsWith(latin, i)) {
        // "ja"/"ju" are я/ю only at a word start: inside a word j is ж ("kraja" → "кража").
        if ((latin === 'ja' || latin === 'ju') && i > 0) continue;
        out += cyrillic;
        i += latin.length;
        continue outer;
      }
    }
    out += word.charAt(i);
    i += 1;
  }
  return out;
}
