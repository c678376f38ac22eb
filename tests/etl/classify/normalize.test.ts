import { describe, expect, it } from 'vitest';
import { foldWord, tokenize, transliterate } from '../../../etl/classify/normalize.ts';

const words = (text: string): string[] => tokenize(text).map((t) => t.text);

describe('tokenize', () => {
  it('lower-cases, folds ё and the Kazakh letters to their look-alikes', () => {
    expect(words('ӘҒҚҢӨҰҮҺІ Ёлка')).toEqual(['агкноуухи', 'елка']);
  });

  it('turns Latin look-alikes inside a Cyrillic word into Cyrillic, but leaves Latin words alone', () => {
    expect(tokenize('кражa stolen')).toEqual([{ text: 'кража', latin: false }, { text: 'stolen', latin: true }]);
  });

  it('splits on digits and punctuation, and splits joined words unless they are abbreviations', () => {
    expect(words('справка о несуд.,123 ДТП!')).toEqual(['справка', 'о', 'несуд', 'дтп']);
    expect(words('ұрып-соқты')).toEqual(['урып', 'сокты']);
    const abbreviations = new Map([['уд-ние', tokenize('удостоверение')]]);
    expect(tokenize('Уд-ние', abbreviations).map((t) => t.text)).toEqual(['удостоверение']);
  });

  it('drops joiners at a word edge', () => {
    expect(words('- -/- вид-')).toEqual(['вид']);
  });
});

describe('foldWord', () => {
  it('folds a vocabulary word the way text is folded, keeping joiners', () => {
    expect(foldWord('Ұрлық').text).toBe('урлык');
    expect(foldWord('уд-ние').text).toBe('уд-ние');
  });
});

describe('transliterate', () => {
  it('reads Russian chat transliteration, j as ж inside a word', () => {
    expect(transliterate('ugon')).toBe('угон');
    expect(transliterate('mashiny')).toBe('машины');
    expect(transliterate('kraja')).toBe('кража');
    expect(transliterate('moshenniki')).toBe('мошенники');
    expect(transliterate('yashchik')).toBe('ящик');
  });
});
