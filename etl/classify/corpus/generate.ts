import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATEGORIES, type Category } from '../../../domain/categories.ts';

/**
 * The training corpus, generated deterministically from hand-written data (docs/classifier.md):
 * phrases/<category>.txt (the core of a topic line, per language, with {slots}), slots.txt (fillers),
 * frames.txt (greetings, questions, officer's notes around the core), then noise as people type:
 * typos, abbreviations, capitals, no punctuation, Kazakh typed without its letters or in Latin
 * (the 2021 alphabet and informal chat spelling), Russian in chat transliteration, mixed languages,
 * and a few lines naming two topics, labelled by precedence (contract §6).
 */
export const CORPUS_DIR = path.dirname(fileURLToPath(import.meta.url));

export type Language = 'ru' | 'kk' | 'kk-latn' | 'en';

export interface CorpusText {
  text: string;
  category: Category;
  language: Language;
  /** The phrase it was made from ("theft:ru:3"): the calibration split holds out whole phrases. */
  group: string;
}

export interface Phrase {
  category: Category;
  language: 'ru' | 'kk' | 'en';
  text: string;
  group: string;
}

interface Sources {
  phrases: Phrase[];
  slots: Map<string, string[]>;
  frames: Map<string, string[]>;
}

function dataLines(file: string): string[] {
  return fs.readFileSync(file, 'utf8').split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
}

/** The hand-written phrases per category, as written (slots unfilled). */
export function readPhrases(dir: string = CORPUS_DIR): Phrase[] {
  const phrases: Phrase[] = [];
  for (const category of CATEGORIES) {
    const file = path.join(dir, 'phrases', `${category}.txt`);
    if (!fs.existsSync(file)) continue;
    let language: Phrase['language'] | null = null;
    let index = 0;
    for (const line of dataLines(file)) {
      if (line === '@ru' || line === '@kk' || line === '@en') {
        language = line.slice(1) as Phrase['language'];
        continue;
      }
      if (!language) throw new Error(`${file}: "${line}" comes before any @ru/@kk/@en section`);
      phrases.push({ category, language, text: line, group: `${category}:${language}:${index}` });
      index += 1;
    }
  }
  return phrases;
}

function readSources(dir: string): Sources {
  const slots = new Map<string, string[]>();
  for (const line of dataLines(path.join(dir, 'slots.txt'))) {
    const colon = line.indexOf(':');
    slots.set(line.slice(0, colon).trim(), line.slice(colon + 1).split('|').map((v) => v.trim()).filter(Boolean));
  }
  const frames = new Map<string, string[]>();
  for (const line of dataLines(path.join(dir, 'frames.txt'))) {
    const [language = '', frame = ''] = line.split('\t');
    if (!frame.includes('{core}')) throw new Error(`frames.txt: "${line}" has no {core}`);
    frames.set(language, [...(frames.get(language) ?? []), frame]);
  }
  return { phrases: readPhrases(dir), slots, frames };
}

/** mulberry32: a small seeded generator, so the corpus is the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i += 1) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

type Random = () => number;
const pick = <T>(r: Random, list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;

function fillSlots(text: string, slots: Map<string, string[]>, r: Random): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => {
    const values = slots.get(name);
    if (!values) throw new Error(`unknown slot {${name}} in "${text}"`);
    return pick(r, values);
  });
}

// Kazakh Cyrillic → the Latin alphabet of 2021 (official) and as people type it in chats.
const KK_LATIN_OFFICIAL: Record<string, string> = {
  а: 'a', ә: 'ä', б: 'b', в: 'v', г: 'g', ғ: 'ğ', д: 'd', е: 'e', ё: 'io', ж: 'j', з: 'z', и: 'i', й: 'i',
  к: 'k', қ: 'q', л: 'l', м: 'm', н: 'n', ң: 'ñ', о: 'o', ө: 'ö', п: 'p', р: 'r', с: 's', т: 't', у: 'u',
  ұ: 'ū', ү: 'ü', ф: 'f', х: 'h', һ: 'h', ц: 'ts', ч: 'ch', ш: 'ş', щ: 'şş', ъ: '', ы: 'y', і: 'ı', ь: '',
  э: 'e', ю: 'iu', я: 'ia',
};
const KK_LATIN_CHAT: Record<string, string> = {
  ...KK_LATIN_OFFICIAL, ә: 'a', ғ: 'gh', ж: 'zh', ң: 'ng', ө: 'o', ұ: 'u', ү: 'u', ш: 'sh', щ: 'sh', і: 'i',
  й: 'y', ю: 'yu', я: 'ya',
};
// Kazakh typed on a Russian keyboard layout: its own letters replaced by the nearest Russian ones.
const KK_PLAIN: Record<string, string> = { ә: 'а', ғ: 'г', қ: 'к', ң: 'н', ө: 'о', ұ: 'у', ү: 'у', һ: 'х', і: 'и' };
const RU_CHAT: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l',
  м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'h', ц: 'ts', ч: 'ch', ш: 'sh',
  щ: 'sch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

function mapLetters(text: string, table: Record<string, string>): string {
  let out = '';
  for (const ch of text) {
    const lower = ch.toLowerCase();
    const m = table[lower];
    out += m === undefined ? ch : (lower !== ch ? m.charAt(0).toUpperCase() + m.slice(1) : m);
  }
  return out;
}

// Abbreviations duty officers use in the log (and the ones the vocabulary's abbreviations.tsv expands).
const ABBREVIATIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/заявлени[ея]/g, 'заявл.'], [/телефон/g, 'тел.'], [/удостоверение личности/g, 'уд-ние личности'],
  [/водительские права|водительское удостоверение/g, 'в/у'], [/справк[уаи]/g, 'спр.'], [/гражданин/g, 'гр-н'],
  [/гражданка/g, 'гр-ка'], [/транспортного средства/g, 'т/с'], [/несовершеннолетн\w+/g, 'н/л'],
  [/административн\w+/g, 'адм.'], [/сотрудник\w*/g, 'сотр.'], [/тысяч\w*/g, 'тыс.'], [/пожалуйста/g, 'пжл'],
  [/здравствуйте/gi, 'здрасте'], [/мошенник\w*/g, 'мош-ки'], [/участков\w+/g, 'участк.'],
];

const KEYBOARD_NEIGHBOURS: Record<string, string> = {
  а: 'вп', о: 'рл', е: 'кн', и: 'мт', н: 'ег', т: 'иь', с: 'чм', р: 'по', в: 'ыа', л: 'од', к: 'уе',
  a: 'sq', o: 'ip', e: 'wr', i: 'uo', n: 'bm', t: 'ry', s: 'ad', r: 'et', l: 'kp', h: 'gj',
};

/** One typo in a word of 4+ letters: a letter dropped, doubled, swapped with the next, or a neighbour key. */
function typo(word: string, r: Random): string {
  if (word.length < 4) return word;
  const i = 1 + Math.floor(r() * (word.length - 2));
  const ch = word.charAt(i);
  switch (Math.floor(r() * 4)) {
    case 0: return word.slice(0, i) + word.slice(i + 1);
    case 1: return word.slice(0, i) + ch + word.slice(i);
    case 2: return word.slice(0, i) + word.charAt(i + 1) + ch + word.slice(i + 2);
    default: {
      const n = KEYBOARD_NEIGHBOURS[ch];
      return n ? word.slice(0, i) + pick(r, [...n]) + word.slice(i + 1) : word.slice(0, i) + word.slice(i + 1);
    }
  }
}

function noisy(text: string, language: Language, r: Random): string {
  let t = text;
  if (language === 'ru' && r() < 0.3) for (const [re, short] of ABBREVIATIONS) if (r() < 0.6) t = t.replace(re, short);
  const words = t.split(' ');
  const typos = r() < 0.35 ? (r() < 0.3 ? 2 : 1) : 0;
  for (let k = 0; k < typos; k += 1) {
    const i = Math.floor(r() * words.length);
    words[i] = typo(words[i] ?? '', r);
  }
  t = words.join(' ');
  const style = r();
  if (style < 0.45) t = t.toLowerCase();
  else if (style < 0.5) t = t.toUpperCase();
  else if (style < 0.75) t = t.charAt(0).toUpperCase() + t.slice(1);
  if (r() < 0.4) t = t.replace(/[.,!?:;()]+/g, ' ').replace(/\s+/g, ' ').trim();
  return t;
}

/** How many texts each phrase yields: more for phrases with slots, which vary more. */
function variantsOf(phrase: Phrase): number {
  if (phrase.category === 'unspecified') return 4;
  return phrase.text.includes('{') ? 9 : 6;
}

function render(phrase: Phrase, sources: Sources, r: Random): CorpusText {
  const core = fillSlots(phrase.text, sources.slots, r);
  let language: Language = phrase.language;
  let text = core;
  if (phrase.category !== 'unspecified') {
    // A tenth of the Russian and Kazakh lines are wrapped in the other language's frame (mixed text).
    const frameLanguage = phrase.language !== 'en' && r() < 0.1 ? 'mix' : phrase.language;
    text = pick(r, sources.frames.get(frameLanguage) ?? ['{core}']).replace('{core}', core);
  }
  if (phrase.language === 'kk') {
    const form = r();
    if (form < 0.2) { text = mapLetters(text, KK_LATIN_OFFICIAL); language = 'kk-latn'; }
    else if (form < 0.35) { text = mapLetters(text, KK_LATIN_CHAT); language = 'kk-latn'; }
    else if (form < 0.6) text = mapLetters(text, KK_PLAIN);
  } else if (phrase.language === 'ru' && r() < 0.06) {
    text = mapLetters(text, RU_CHAT);
  }
  if (phrase.category !== 'unspecified' || r() < 0.5) text = noisy(text, language, r);
  return { text, category: phrase.category, language, group: phrase.group };
}

// Keyboard rows as people mash them (Russian and Kazakh ЙЦУКЕН, the Kazakh digit row, QWERTY).
const KEYBOARD_ROWS: ReadonlyArray<readonly [Language, string]> = [
  ['ru', 'йцукенгшщзхъ'], ['ru', 'фывапролджэ'], ['ru', 'ячсмитьбю'], ['kk', 'әіңғүұқөһ'],
  ['en', 'qwertyuiop'], ['en', 'asdfghjkl'], ['en', 'zxcvbnm'],
];

/**
 * Unintelligible lines (§6 `unspecified`) made by rule rather than written: a letter held down
 * ("пппп"), a run along a keyboard row, typed once or twice ("фывфыв"), and a hand dropped on a
 * row (letters of one row in random order). 200 lines, each its own group.
 */
function junkLines(): CorpusText[] {
  const r = rng(5318008);
  const out: CorpusText[] = [];
  for (let k = 0; k < 200; k += 1) {
    const [language, row] = pick(r, KEYBOARD_ROWS);
    const length = 3 + Math.floor(r() * 5);
    const kind = k % 3;
    let text: string;
    if (kind === 0) text = pick(r, [...row]).repeat(length);
    else if (kind === 1) {
      const from = Math.floor(r() * Math.max(1, row.length - length));
      const run = row.slice(from, from + length);
      text = r() < 0.3 ? run + run : run;
    } else text = Array.from({ length }, () => pick(r, [...row])).join('');
    if (r() < 0.2) text = text.toUpperCase();
    out.push({ text, category: 'unspecified', language, group: `unspecified:junk:${k}` });
  }
  return out;
}

/** The corpus: every phrase in several variants, plus lines naming two topics. Deterministic. */
export function generateCorpus(dir: string = CORPUS_DIR): CorpusText[] {
  const sources = readSources(dir);
  const out: CorpusText[] = [];
  const seen = new Set<string>();
  const add = (t: CorpusText): void => {
    const key = t.text.toLowerCase();
    if (t.text.trim() === '' || seen.has(key)) return;
    seen.add(key);
    out.push(t);
  };
  for (const phrase of sources.phrases) {
    const r = rng(hashString(phrase.group));
    const n = variantsOf(phrase);
    for (let k = 0; k < n * 2 && out.filter((t) => t.group === phrase.group).length < n; k += 1) add(render(phrase, sources, r));
  }
  for (const t of junkLines()) add(t);
  // Two topics in one line: labelled with the one that comes first in the precedence order.
  const topical = sources.phrases.filter((p) => p.category !== 'unspecified' && p.category !== 'consultation');
  const r = rng(20190114);
  const joiners: Record<Phrase['language'], string[]> = { ru: [', ', ' и ', ', а еще ', '. '], kk: [', ', ' және ', '. '], en: [', ', ' and ', '. '] };
  for (let k = 0; k < 400; k += 1) {
    const a = pick(r, topical);
    const same = topical.filter((p) => p.language === a.language && p.category !== a.category);
    const b = pick(r, same);
    const first = CATEGORIES.indexOf(a.category) < CATEGORIES.indexOf(b.category) ? a : b;
    const text = fillSlots(`${a.text}${pick(r, joiners[a.language])}${b.text}`, sources.slots, r);
    add({ text: noisy(text, a.language, r), category: first.category, language: a.language, group: `pair:${a.group}+${b.group}` });
  }
  return out;
}

/** `text, expected, language, group` with a header, as `vitrina retrain` writes it next to the model. */
export function corpusTsv(corpus: readonly CorpusText[]): string {
  const clean = (s: string): string => s.replace(/[\t\r\n]+/g, ' ');
  return `text\texpected\tlanguage\tgroup\n${corpus.map((t) => `${clean(t.text)}\t${t.category}\t${t.language}\t${t.group}`).join('\n')}\n`;
}
