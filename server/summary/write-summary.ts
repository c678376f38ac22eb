import type { Lang } from '../../domain/labels.ts';
import type { SummaryComparison, SummaryFigures } from '../api/contract.ts';
import { periodThan } from './period-words.ts';
import { TOPIC_PHRASES } from './topic-phrases.ts';

/**
 * The paragraph a press officer publishes unedited, from the figures only (never a visitor's text):
 * the total, the comparison where §8 says it is comparable, and the largest topics. «Большинство» /
 * «көпшілігі» / "most" only above 50 %. Counts of the press role are rounded to 5, so they read
 * «около» / «шамамен» / "about"; a hidden total reads «менее 5».
 */
const LOCALE: Readonly<Record<Lang, string>> = { ru: 'ru-KZ', kk: 'kk-KZ', en: 'en-GB' };

/** An office of the scope whose logs do not cover the whole period (contract §8), named in the text. */
export interface UncoveredOffice { name: string; reason: 'behind' | 'not_covered' | 'no_data'; since: string | null }

export function writeSummary(f: SummaryFigures, cmp: SummaryComparison | null, leftOutNames: readonly string[] = [],
  uncovered: readonly UncoveredOffice[] = []): string {
  const w = WORDS[f.lang];
  const int = (n: number) => new Intl.NumberFormat(LOCALE[f.lang], { maximumFractionDigits: 0 }).format(n);
  const pct = (p: number) => new Intl.NumberFormat(LOCALE[f.lang], { style: 'percent', maximumFractionDigits: 0 }).format(p / 100);
  const parts: string[] = [];
  // The count covers only the logs received: a reader is told whose logs do not cover the period.
  const day = (d: string) => new Intl.DateTimeFormat(LOCALE[f.lang], { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(`${d}T00:00:00Z`));
  const gaps = uncovered.length ? ` ${w.uncovered(uncovered.map((o) => w.uncoveredOffice(o.name, o.reason === 'behind' && o.since ? day(o.since) : null, o.reason)).join(', '))}` : '';
  if (f.total === 0) return `${f.scope}: ${w.none(f.periodText)}.${gaps}`;
  const count = f.total === null ? w.fewerThan5 : f.protected ? w.about(int(f.total), f.total) : w.exact(int(f.total), f.total);
  let first = w.total(f.periodText, count);
  if (cmp && cmp.comparable && cmp.change !== null) {
    const p = Math.round(Math.abs(cmp.change) * 100);
    const than = periodThan(f.lang, cmp.from, cmp.to);
    first += p === 0 ? w.same(than) : w.changed(pct(p), cmp.change < 0, than);
    if (leftOutNames.length) first += w.likeForLike(leftOutNames.join(', '));
  }
  parts.push(`${f.scope}: ${first}.`);
  if (cmp && !cmp.comparable) parts.push(w.notComparable);
  const named = f.categories.filter((c) => c.category !== 'unspecified' && c.percent !== null && c.share !== null && c.visits !== 0);
  const top = named.slice(0, 3).map((c) => ({ phrase: TOPIC_PHRASES[c.category][f.lang], pct: pct(c.percent ?? 0) }));
  const [lead, ...rest] = top;
  const leadShare = named[0]?.share ?? 0;
  if (lead) parts.push(leadShare > 0.5 ? w.majority(lead, rest, list(f.lang, rest)) : w.mostCommon(list(f.lang, top), top.length));
  return parts.join(' ') + gaps;
}

interface Item { phrase: string; pct: string }

function list(lang: Lang, items: readonly Item[]): string {
  const shown = items.map((i) => `${i.phrase} (${i.pct})`);
  if (shown.length <= 1) return shown.join('');
  const and = lang === 'ru' ? ' и ' : lang === 'kk' ? ' және ' : ' and ';
  return `${shown.slice(0, -1).join(', ')}${and}${shown.at(-1) ?? ''}`;
}

/** обращение / обращения / обращений as Russian agrees a noun with a number (nominative or, after «около», genitive). */
function ruNoun(n: number, genitive: boolean): string {
  const form = new Intl.PluralRules('ru').select(n);
  if (genitive) return form === 'one' ? 'обращения' : 'обращений';
  return form === 'one' ? 'обращение' : form === 'few' ? 'обращения' : 'обращений';
}

interface Words {
  none(period: string): string;
  fewerThan5: string;
  about(n: string, v: number): string;
  exact(n: string, v: number): string;
  total(period: string, count: string): string;
  changed(p: string, down: boolean, than: string): string;
  same(than: string): string;
  likeForLike(names: string): string;
  notComparable: string;
  majority(lead: Item, rest: readonly Item[], restList: string): string;
  mostCommon(list: string, n: number): string;
  uncovered(list: string): string;
  /** `until`: the last covered day of an office whose logs stopped. */
  uncoveredOffice(name: string, until: string | null, reason: UncoveredOffice['reason']): string;
}

const WORDS: Readonly<Record<Lang, Words>> = {
  ru: {
    none: (p) => `${p} обращений не зарегистрировано`,
    fewerThan5: 'менее 5 обращений',
    about: (n, v) => `около ${n} ${ruNoun(v, true)}`,
    exact: (n, v) => `${n} ${ruNoun(v, false)}`,
    total: (p, c) => `${p} зарегистрировано ${c}`,
    changed: (p, down, than) => ` — на ${p} ${down ? 'меньше' : 'больше'}, ${than}`,
    same: (than) => ` — примерно столько же, ${than.replace(/^чем /, 'сколько ')}`,
    likeForLike: (names) => ` (сравнение по офисам с полными данными за оба периода, без учёта: ${names})`,
    notComparable: 'Сравнение с предыдущим периодом не приводится: нет полных данных за оба периода.',
    majority: (lead, rest, restList) => `Большинство посетителей (${lead.pct}) обращались ${lead.phrase}${rest.length ? `; далее — ${restList}` : ''}.`,
    mostCommon: (l) => `Чаще всего обращались ${l}.`,
    uncovered: (l) => `Журналы получены не за весь период: ${l}.`,
    uncoveredOffice: (n, until, r) => `${n} (${until ? `только по ${until}` : r === 'no_data' ? 'не поступали' : 'с пропусками'})`,
  },
  kk: {
    none: (p) => `${p} жүгіну тіркелмеді`,
    fewerThan5: '5-тен аз жүгіну',
    about: (n) => `шамамен ${n} жүгіну`,
    exact: (n) => `${n} жүгіну`,
    total: (p, c) => `${p} ${c} тіркелді`,
    changed: (p, down, than) => `, бұл ${than} ${p}-ға ${down ? 'аз' : 'көп'}`,
    same: (than) => `, бұл ${than} шамамен бірдей`,
    likeForLike: (names) => ` (салыстыру екі кезеңде де толық деректері бар офистер бойынша, есепке алынбағандар: ${names})`,
    notComparable: 'Алдыңғы кезеңге қарағанда өзгеріс келтірілмейді: екі кезең бойынша толық деректер жоқ.',
    majority: (lead, rest, restList) => `Келушілердің көпшілігі (${lead.pct}) ${lead.phrase} жүгінді${rest.length ? `, одан кейін — ${restList}` : ''}.`,
    mostCommon: (l) => `Ең жиі ${l} жүгінді.`,
    uncovered: (l) => `Журналдар кезеңнің толығына түспеген: ${l}.`,
    uncoveredOffice: (n, until, r) => `${n} (${until ? `${until} дейін ғана` : r === 'no_data' ? 'түспеген' : 'үзілістермен'})`,
  },
  en: {
    none: (p) => `no visits were recorded ${p}`,
    fewerThan5: 'fewer than 5 visits',
    about: (n) => `about ${n} visits`,
    exact: (n, v) => `${n} ${new Intl.PluralRules('en').select(v) === 'one' ? 'visit' : 'visits'}`,
    total: (p, c) => `${c} ${p}`,
    changed: (p, down, than) => `, ${p} ${down ? 'fewer' : 'more'} ${than}`,
    same: (than) => `, about as many as ${than.replace(/^than /, '')}`,
    likeForLike: (names) => ` (offices with complete data for both periods; left out: ${names})`,
    notComparable: 'No comparison with the previous period is given: there are no complete data for both periods.',
    majority: (lead, rest, restList) => `Most visits (${lead.pct}) concerned ${lead.phrase}${rest.length ? `, followed by ${restList}` : ''}.`,
    mostCommon: (l, n) => `The most common ${n === 1 ? 'topic was' : 'topics were'} ${l}.`,
    uncovered: (l) => `Logs do not cover the whole period for ${l}.`,
    uncoveredOffice: (n, until, r) => `${n} (${until ? `only up to ${until}` : r === 'no_data' ? 'none received' : 'with gaps'})`,
  },
};
