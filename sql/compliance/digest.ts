import type { Kysely } from 'kysely';
import type { Lang } from '../../domain/labels.ts';
import { RULE_LABELS, type Rule } from '../../domain/rules.ts';
import type { Database } from '../schema.ts';
import { judgeOffices } from './evaluate.ts';
import { addDays, daysBetween, monthPeriod } from '../../domain/calendar.ts';

/**
 * The inspector's monthly digest (issue 13): what changed in a calendar month — cases opened,
 * deadlines passed, cases closed, offices behind on reporting — as Markdown for mail and as a
 * printable HTML page. Built from the cases and one evaluation of the month.
 */
export interface Digest {
  month: string;
  /** Almaty day the digest speaks as of: the earlier of today and the month's last day. */
  asOf: string;
  opened: DigestCase[];
  overdue: DigestCase[];
  closed: DigestCase[];
  /** Offices whose longest silent stretch in the month is over the threshold. */
  behind: { office: string; days: number; from: string | null; to: string | null }[];
  /** Offices that never sent a visit: listed apart, not a breach (contract §4). */
  neverReported: string[];
}

export interface DigestCase {
  id: number;
  office: string;
  rule: Rule;
  months: string[];
  status: string;
  deadline: string | null;
  closedOn: string | null;
  closedBasis: 'inspection' | 'note' | null;
}

export async function buildDigest(db: Kysely<Database>, month: string, today: string): Promise<Digest> {
  const period = monthPeriod(month);
  const last = addDays(period.to, -1);
  const asOf = today < last ? today : last;
  const rows = await db.selectFrom('flags')
    .select(['id', 'office_code', 'rule', 'status', 'month', 'deadline', 'closed_on', 'closed_basis'])
    .where((eb) => eb.or([
      eb('month', '=', period.from),
      eb.and([eb('closed_on', '>=', period.from), eb('closed_on', '<', period.to)]),
      eb.and([eb('status', 'in', ['open', 'confirmed']), eb('deadline', '<', asOf)]),
    ]))
    .orderBy('office_code').orderBy('rule').execute();
  const months = rows.length
    ? await db.selectFrom('flag_months').select(['flag_id', 'month']).where('flag_id', 'in', rows.map((r) => r.id)).orderBy('month').execute()
    : [];
  const toCase = (r: (typeof rows)[number]): DigestCase => ({
    id: Number(r.id), office: r.office_code, rule: r.rule, status: r.status, deadline: r.deadline,
    months: months.filter((m) => m.flag_id === r.id).map((m) => m.month), closedOn: r.closed_on, closedBasis: r.closed_basis,
  });
  const cases = rows.map(toCase);
  const judged = await judgeOffices(db, { ...period, today });
  const behind: Digest['behind'] = [];
  const neverReported: string[] = [];
  for (const o of judged.offices) {
    const r = o.rules.find((x) => x.rule === 'reporting');
    if (!r) continue;
    if (r.evidence_items.some((i) => i.key === 'never_reported')) neverReported.push(o.office);
    else if (r.status === 'breach') behind.push({ office: o.office, days: r.value ?? 0, from: r.basis.gap?.from ?? null, to: r.basis.gap?.to ?? null });
  }
  return {
    month: period.from, asOf,
    opened: cases.filter((c) => c.months[0] === period.from),
    overdue: cases.filter((c) => (c.status === 'open' || c.status === 'confirmed') && c.deadline !== null && c.deadline < asOf),
    closed: cases.filter((c) => c.closedOn !== null && c.closedOn >= period.from && c.closedOn < period.to),
    behind, neverReported,
  };
}

type Names = ReadonlyMap<string, Readonly<Record<Lang, string>>>;

const TEXT = {
  ru: {
    title: 'Сводка инспектора', asOf: 'по состоянию на', opened: 'Новые случаи', overdue: 'Просрочен срок устранения',
    closed: 'Закрытые случаи', behind: 'Отстают с учётом посещений', never: 'Не отчитывались (ни одного посещения, не нарушение)',
    none: 'Нет.', deadline: 'срок', late: (n: number) => `просрочено на ${n} ${plural('ru', n, ['день', 'дня', 'дней'])}`,
    resolved: 'устранено', dismissed: 'отклонено', byInspection: 'по повторной проверке', byNote: 'по отметке инспектора',
    gap: (n: number) => `перерыв ${n} ${plural('ru', n, ['день', 'дня', 'дней'])}`, months: 'месяцы', case: 'случай',
  },
  kk: {
    title: 'Инспектордың айлық шолуы', asOf: 'жағдай бойынша', opened: 'Жаңа жағдайлар', overdue: 'Жою мерзімі өтіп кеткен',
    closed: 'Жабылған жағдайлар', behind: 'Келушілер есебі кешіккен офистер', never: 'Есеп бермегендер (бірде-бір келу жоқ, бұзушылық емес)',
    none: 'Жоқ.', deadline: 'мерзімі', late: (n: number) => `${n} күнге кешікті`,
    resolved: 'жойылды', dismissed: 'қабылданбады', byInspection: 'қайта тексеру бойынша', byNote: 'инспектордың белгісі бойынша',
    gap: (n: number) => `${n} күн үзіліс`, months: 'айлар', case: 'жағдай',
  },
  en: {
    title: 'Inspector\'s digest', asOf: 'as of', opened: 'New cases', overdue: 'Deadline passed',
    closed: 'Closed cases', behind: 'Behind on reporting visits', never: 'Never reported (no visit at all; not a breach)',
    none: 'None.', deadline: 'deadline', late: (n: number) => `${n} ${n === 1 ? 'day' : 'days'} overdue`,
    resolved: 'resolved', dismissed: 'dismissed', byInspection: 'by a follow-up inspection', byNote: 'on the inspector\'s note',
    gap: (n: number) => `${n}-day gap`, months: 'months', case: 'case',
  },
} as const;

const LOCALE: Record<Lang, string> = { ru: 'ru-RU', kk: 'kk-KZ', en: 'en-GB' };

function plural(lang: Lang, n: number, [one, few, many]: readonly [string, string, string]): string {
  const c = new Intl.PluralRules(lang).select(n);
  return c === 'one' ? one : c === 'few' ? few : many;
}
const day = (lang: Lang, d: string): string =>
  new Intl.DateTimeFormat(LOCALE[lang], { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(`${d}T00:00:00Z`));
const monthName = (lang: Lang, d: string): string =>
  new Intl.DateTimeFormat(LOCALE[lang], { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(new Date(`${d}T00:00:00Z`));

interface Section { title: string; items: string[] }

function sections(d: Digest, lang: Lang, names: Names): { title: string; sections: Section[] } {
  const tx = TEXT[lang];
  const office = (c: string) => names.get(c)?.[lang] ?? c;
  const head = (c: DigestCase) => `${office(c.office)} — ${RULE_LABELS[c.rule][lang]} (${tx.case} #${c.id})`;
  const span = (c: DigestCase) => (c.months.length > 1
    ? `${monthName(lang, c.months[0]!)} – ${monthName(lang, c.months.at(-1)!)}` : c.months[0] ? monthName(lang, c.months[0]) : '');
  return {
    title: `${tx.title}: ${monthName(lang, d.month)}`,
    sections: [
      { title: tx.opened, items: d.opened.map((c) => `${head(c)}; ${tx.months}: ${span(c)}`) },
      { title: tx.overdue, items: d.overdue.map((c) => `${head(c)}; ${tx.deadline} ${day(lang, c.deadline!)}, ${tx.late(daysBetween(c.deadline!, d.asOf))}`) },
      { title: tx.closed, items: d.closed.map((c) => `${head(c)}: ${c.status === 'resolved' ? tx.resolved : tx.dismissed} ${day(lang, c.closedOn!)}`
        + (c.status === 'resolved' ? `, ${c.closedBasis === 'inspection' ? tx.byInspection : tx.byNote}` : '')) },
      { title: tx.behind, items: d.behind.map((b) => `${office(b.office)}: ${tx.gap(b.days)}${b.from && b.to ? ` (${day(lang, b.from)} – ${day(lang, b.to)})` : ''}`) },
      { title: tx.never, items: d.neverReported.map(office) },
    ],
  };
}

/** The digest as Markdown, for mail. */
export function digestMarkdown(d: Digest, lang: Lang, names: Names): string {
  const s = sections(d, lang, names);
  const out = [`# ${s.title}`, '', `_${TEXT[lang].asOf} ${day(lang, d.asOf)}_`, ''];
  for (const sec of s.sections) {
    out.push(`## ${sec.title} (${sec.items.length})`, '', ...(sec.items.length ? sec.items.map((i) => `- ${i}`) : [TEXT[lang].none]), '');
  }
  return out.join('\n');
}

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The digest as a self-contained printable HTML page. */
export function digestHtml(d: Digest, lang: Lang, names: Names): string {
  const s = sections(d, lang, names);
  const body = s.sections.map((sec) => `<section><h2>${esc(sec.title)} (${sec.items.length})</h2>`
    + (sec.items.length ? `<ul>${sec.items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>` : `<p class="none">${esc(TEXT[lang].none)}</p>`)
    + '</section>').join('\n');
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${esc(s.title)}</title>
<style>body{font:14px/1.45 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#111}
h1{font-size:1.5rem}h2{font-size:1.1rem;margin-top:1.5rem;border-bottom:1px solid #ccc}.none{color:#555}
@media print{body{margin:0;max-width:none}a{color:inherit}}</style></head>
<body><h1>${esc(s.title)}</h1><p><em>${esc(TEXT[lang].asOf)} ${esc(day(lang, d.asOf))}</em></p>
${body}
</body></html>
`;
}

/** Office names per language, from the registry table. */
export async function officeNames(db: Kysely<Database>): Promise<Names> {
  const rows = await db.selectFrom('offices').select(['code', 'name_ru', 'name_kk', 'name_en']).execute();
  return new Map(rows.map((r) => [r.code, { ru: r.name_ru, kk: r.name_kk, en: r.name_en }]));
}
