import type { RegistryOffice } from '../../sql/registry.ts';
import { foldTokens } from './fold-text.ts';

/**
 * Words that say what kind of unit an office is, never which one (data contract §1, plus the longer
 * spellings people type: "районный отдел полиции", "аудандық полиция бөлімі"). Folded forms.
 */
const IGNORED_WORDS = new Set([
  'роп', 'гоп', 'оп', 'руп', 'гуп', 'уп', 'ровд', 'говд', 'овд', 'рувд', 'гувд', 'увд', 'дп', 'пп',
  'район', 'района', 'районе', 'районный', 'районного', 'районному', 'районном', 'рн',
  'город', 'города', 'городе', 'городской', 'городского', 'гор',
  'отдел', 'отдела', 'отделе', 'управление', 'управления', 'полиции', 'полиция', 'фронт', 'офис',
  'ауданы', 'аудандык', 'аудан', 'ауданынын', 'каласы', 'калалык', 'болими', 'болимше', 'болимшеси',
  'district', 'city', 'town', 'police', 'department', 'dept', 'front', 'office', 'rop', 'gop', 'op',
]);

/** Russian adjective endings: "Сарканский", "Сарканского", "Сарканском РОП". */
const ADJECTIVE_ENDINGS = ['ский', 'ская', 'ское', 'ского', 'скому', 'ским', 'ском', 'ской', 'ских', 'ские', 'скую'];
const ADJECTIVE = /(ский|ская|ское|ского|скому|ским|ском|ской|ских|ские|скую)$/;
/** Noun endings after a consonant: "ГОП Талдыкоргана", "в Талдыкоргане". */
const NOUN_ENDINGS = ['а', 'у', 'е', 'ом'];
const ENDS_IN_CONSONANT = /[бвгджзклмнпрстфхцчшщ]$/;

/** The key a folded name is looked up by: ignored words and one-letter tokens ("г.", "р-н") dropped. */
export function officeKey(tokens: readonly string[]): string {
  let key = '';
  for (const t of tokens) {
    if (t.length > 1 && !IGNORED_WORDS.has(t)) key += t;
  }
  return key;
}

/** Russian-stem spellings of one Cyrillic word: the stem itself, its adjective and noun forms. */
function stemForms(stem: string, out: Set<string>): void {
  const stems = new Set([stem, stem.replace(/ь/g, '')]);
  // "Илийский" is the district of the river "Или".
  if (stem.endsWith('ий')) stems.add(stem.slice(0, -1));
  for (const s of stems) {
    out.add(s);
    for (const e of ADJECTIVE_ENDINGS) out.add(s + e);
    if (ENDS_IN_CONSONANT.test(s)) for (const e of NOUN_ENDINGS) out.add(s + e);
  }
}

/** Every key under which an office can be named: code, ru/kk/en names and forms, centre, aliases. */
export function officeKeys(office: RegistryOffice): Set<string> {
  const keys = new Set<string>([office.code.toLowerCase()]);
  for (const name of [office.ru, office.kk, office.en, office.centre, ...office.aliases]) {
    const tokens = foldTokens(name).filter((t) => t.length > 1 && !IGNORED_WORDS.has(t));
    const key = tokens.join('');
    if (key === '') continue;
    keys.add(key);
    // Single Cyrillic words carry Russian inflections; multi-word names match only as written.
    const only = tokens.length === 1 ? tokens[0] : undefined;
    if (only !== undefined && /[а-я]/.test(only)) {
      const stem = only.replace(ADJECTIVE, '');
      stemForms(stem, keys);
    }
  }
  return keys;
}

