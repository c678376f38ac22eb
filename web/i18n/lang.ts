import { LANGS, type Lang, type Labels } from '../../domain/labels.ts';

const STORAGE_KEY = 'vitrina.lang';
let current: Lang = 'ru';

/** The remembered language (Russian by default: it is the working language of the offices). */
export function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved && (LANGS as readonly string[]).includes(saved)) return saved as Lang;
  } catch { /* storage disabled: keep the default */ }
  return 'ru';
}

export function getLang(): Lang { return current; }

export function setLang(lang: Lang): void {
  current = lang;
  document.documentElement.lang = lang;
  try { localStorage.setItem(STORAGE_KEY, lang); } catch { /* storage disabled */ }
}

/** Picks the interface language's text from a domain label (domain/). */
export function label(l: Labels): string { return l[current]; }

/** Runs fn with another language for formatting (a summary written in Kazakh under a Russian interface). */
export function withLang<T>(lang: Lang, fn: () => T): T {
  const saved = current;
  current = lang;
  try { return fn(); } finally { current = saved; }
}
