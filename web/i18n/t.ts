import { en } from './en.ts';
import { kk } from './kk.ts';
import { getLang } from './lang.ts';
import { ru, type MessageKey } from './ru.ts';

const DICTIONARIES = { ru, kk, en } as const;
export type { MessageKey };

/** The interface text for a key in the current language; {name} placeholders are filled from vars. */
export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  const text: string = DICTIONARIES[getLang()][key];
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}
