/** The three interface languages: Russian is the working language, Kazakh the state language. */
export const LANGS = ['ru', 'kk', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export type Labels = Readonly<Record<Lang, string>>;
