import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATEGORIES, isCategory, type Category } from '../../domain/categories.ts';
import { foldWord, tokenize, type Token } from './normalize.ts';

/**
 * The vocabulary is data a non-programmer reviews: etl/classify/vocabulary/<category>.tsv lists
 * `term <TAB> weight <TAB> language`; services.tsv maps the `service` field, abbreviations.tsv
 * expands joined abbreviations, ignore.tsv lists words that must never count (see docs/classifier.md).
 */
export const VOCABULARY_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'vocabulary');

/** One word of a term: an exact word, or a stem ("краж*") that any longer word may start with. */
export interface TermPart {
  key: string;
  prefix: boolean;
}

/** One vocabulary line. Several parts = every part must occur somewhere in the text. */
export interface Rule {
  id: number;
  category: Category;
  /** Position of the category in CATEGORIES: lower wins when a line names two topics. */
  rank: number;
  weight: number;
  /** As written in the file, for people reading `terms`. */
  term: string;
  parts: TermPart[];
}

export interface Vocabulary {
  topics: Rule[];
  services: Rule[];
  ignore: TermPart[];
  abbreviations: Map<string, Token[]>;
  /** sha-256 of every vocabulary file, so each edit makes a new classifier version. */
  digest: string;
}

interface Line {
  fields: string[];
  where: string;
}

function dataLines(file: string): Line[] {
  const name = path.basename(file);
  return fs.readFileSync(file, 'utf8').split(/\r?\n/)
    .map((text, i) => ({ text: text.trim(), where: `${name}:${i + 1}` }))
    .filter((l) => l.text !== '' && !l.text.startsWith('#'))
    .map((l) => ({ fields: l.text.split('\t').map((f) => f.trim()), where: l.where }));
}

export function parseTerm(term: string, where: string): TermPart[] {
  const parts = term.split(/\s+/).filter(Boolean).map((word) => {
    const prefix = word.endsWith('*');
    const key = foldWord(prefix ? word.slice(0, -1) : word).text;
    if (!/^[^\s*]+$/.test(key)) throw new Error(`${where}: "${term}" is not a word or a stem ending in *`);
    return { key, prefix };
  });
  if (parts.length === 0 || parts.length > 30) throw new Error(`${where}: expected 1–30 words, found "${term}"`);
  return parts;
}

function parseRule(line: Line, category: Category, id: number, defaultWeight?: number): Rule {
  const [term = '', weightText = ''] = line.fields;
  const weight = defaultWeight ?? Number(weightText);
  if (!(weight > 0 && weight <= 1)) throw new Error(`${line.where}: weight must be a number in (0, 1], found "${weightText}"`);
  return { id, category, rank: CATEGORIES.indexOf(category), weight, term, parts: parseTerm(term, line.where) };
}

export function readVocabulary(dir: string = VOCABULARY_DIR): Vocabulary {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.tsv')).sort();
  const digest = createHash('sha256');
  for (const f of files) digest.update(`${f}\n${fs.readFileSync(path.join(dir, f), 'utf8')}`);
  const topics: Rule[] = [];
  for (const category of CATEGORIES) {
    const file = path.join(dir, `${category}.tsv`);
    if (!fs.existsSync(file)) continue;
    for (const line of dataLines(file)) topics.push(parseRule(line, category, topics.length));
  }
  const services = dataLines(path.join(dir, 'services.tsv')).map((line, i) => {
    const category = line.fields[1] ?? '';
    if (!isCategory(category)) throw new Error(`${line.where}: unknown category "${category}"`);
    return parseRule(line, category, i, 1);
  });
  const ignore = dataLines(path.join(dir, 'ignore.tsv')).flatMap((l) => parseTerm(l.fields[0] ?? '', l.where));
  const abbreviations = new Map(dataLines(path.join(dir, 'abbreviations.tsv')).map((l) => {
    const [short = '', long = ''] = l.fields;
    if (!long) throw new Error(`${l.where}: expected "abbreviation <TAB> expansion"`);
    return [foldWord(short).text, tokenize(long, new Map())] as const;
  }));
  return { topics, services, ignore, abbreviations, digest: digest.digest('hex') };
}
