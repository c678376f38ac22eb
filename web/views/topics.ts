import type { TopicsResponse } from '../../server/api/contract.ts';
import { CATEGORY_LABELS, CATEGORIES, type Category } from '../../domain/categories.ts';
import { getJson } from '../api.ts';
import { chartCard, plainCard } from '../charts/chart-card.ts';
import type { MountedChart } from '../charts/mount-chart.ts';
import { fmtChange, fmtCount, fmtDay, fmtMonth, fmtPeriod, fmtShare } from '../i18n/format.ts';
import { METHOD_NOTE } from '../../domain/disclosure.ts';
import { getLang, label } from '../i18n/lang.ts';
import { t } from '../i18n/t.ts';
import { officeName, type Cleanup, type ViewContext } from '../state/context.ts';
import { h } from '../ui/dom.ts';
import { comparisonNote, incomparableText, periodText } from '../ui/comparison.ts';
import { kpi, kpiRow } from '../ui/kpi.ts';
import { emptyState, showError, showLoading } from '../ui/states.ts';
import { scrollTable } from '../ui/table.ts';
import { categoryTrend, mixBars, officeStack } from './topics/options.ts';
import { canCorrectCategories, correctionsPanel } from './topics/corrections.ts';
import { publishPanel } from './topics/publish.ts';

type CategoryRow = TopicsResponse['categories'][number];
type OfficeRow = TopicsResponse['perOffice'][number];
type TrendRow = TopicsResponse['trend'][number];

/** Topics for the press service: the mix, per office, the trend, the change, wording, and the publish panel. */
export function render(ctx: ViewContext): Cleanup {
  const charts: MountedChart[] = [];
  let alive = true;
  const load = async () => {
    showLoading(ctx.root);
    // One request: the JSON answer holds every table the view draws (Arrow stays for downloads).
    const data = await getJson<TopicsResponse>('topics', ctx.query);
    const cats: CategoryRow[] = data.categories;
    const perOffice: OfficeRow[] = data.perOffice;
    const trend: TrendRow[] = data.trend;
    if (alive) draw(ctx, charts, data, cats, perOffice, trend, () => void load().catch((e: unknown) => { if (alive) showError(ctx.root, e, () => void load()); }));
  };
  load().catch((e: unknown) => { if (alive) showError(ctx.root, e, () => void load()); });
  return () => { alive = false; charts.forEach((c) => c.destroy()); };
}

function draw(ctx: ViewContext, charts: MountedChart[], data: TopicsResponse, cats: CategoryRow[], perOffice: OfficeRow[], trend: TrendRow[],
  reload: () => void): void {
  const root = ctx.root;
  const cmp = ctx.state.cmp !== 'none';
  const c = data.comparison;
  const suppressedAny = cats.some((c) => c.suppressed) || perOffice.some((r) => r.suppressed);
  root.replaceChildren(h('div', { className: 'page-head' },
    h('div', {}, h('h1', {}, t('topics.title')), h('p', {}, periodText(data)))));
  if (cmp) root.append(comparisonNote(c, (code) => officeName(ctx.registry, code)));
  const catOf = (v: string): Category => (CATEGORIES as readonly string[]).includes(v) ? (v as Category) : 'unspecified';
  const sorted = [...cats].sort((a, b) => (b.visits ?? 0) - (a.visits ?? 0));
  const lead = sorted[0];
  root.append(kpiRow(
    kpi(t('kpi.visits'), fmtCount(data.total, data.total === null)),
    // A share beside a change of counts would read as a change of the share: the lead shows its share only.
    ...(lead ? [kpi(label(CATEGORY_LABELS[catOf(lead.category)]), lead.share === null ? '<5' : fmtShare(lead.share))] : []),
  ));
  if ((data.total ?? 0) === 0 && data.total !== null) { root.append(emptyState(ctx.session.data.lastDay ? t('state.empty') : t('state.noDataYet'))); return; }
  // Press: the disclosure method under every table (domain/disclosure.ts), hidden values or not.
  const press = ctx.session.user.role === 'press';
  const method = () => h('p', { className: 'note method-note' }, METHOD_NOTE[getLang()]);
  if (press) root.append(h('p', { className: 'note', id: 'suppression-note' }, METHOD_NOTE[getLang()]));
  else if (suppressedAny) root.append(h('p', { className: 'note', id: 'suppression-note' }, t('topics.suppressed')));

  const grid = h('div', { className: 'grid' });
  root.append(grid);
  const slot = (cls: string) => { const el = h('div', { className: cls }); grid.append(el); return el; };
  const catName = (c: string) => label(CATEGORY_LABELS[catOf(c)]);

  const mix = chartCard(slot('span-5'), {
    title: t('topics.mix'), note: t('topics.mixNote'), height: 380,
    option: () => mixBars(cats.map((c) => ({ category: catOf(c.category), share: c.share })), t('col.share')),
    summary: sorted.slice(0, 3).map((c) => `${catName(c.category)} ${c.share === null ? '<5' : fmtShare(c.share)}`).join(', '),
    table: { head: [t('col.category'), t('col.share')], numeric: [1], rows: sorted.map((c) => [catName(c.category), c.share === null ? '<5' : fmtShare(c.share, 1)]) },
  });
  charts.push(mix.chart);
  const underTables: HTMLElement[] = [mix.el];

  // Like for like: «before» and «now» of the change cover the same offices (comparison.offices).
  // Wide enough that the change column, the card's point, shows without scrolling sideways.
  underTables.push(plainCard(slot('span-7'), t('topics.change'), c.comparable ? fmtPeriod(data.previous.from, data.previous.to) : incomparableText(c), scrollTable({
    caption: t('topics.change'), hiddenCaption: true,
    // The change first, so a phone shows it without scrolling sideways; «now» and «before» of it
    // side by side over the same offices; all offices' visits and shares apart.
    head: [t('col.category'), t('col.change'), t('col.compared'), t('col.previous'), t('col.visits'), t('col.share')], numeric: [1, 2, 3, 4, 5],
    // Not comparable: no like-for-like counts either, rather than zeros that read as «nobody came».
    rows: sorted.map((c) => [catName(c.category), c.change === null ? '—' : fmtChange(c.change),
      ...(data.comparison.comparable ? [fmtCount(c.compared, c.suppressed), fmtCount(c.previous, c.suppressed)] : ['—', '—']),
      fmtCount(c.visits, c.suppressed), c.share === null ? '<5' : fmtShare(c.share, 1)]),
  })));

  // Per office: categories ordered by overall volume, the 7 largest coloured.
  const order = sorted.map((c) => catOf(c.category));
  const counts = new Map<string, Map<Category, number | null>>();
  for (const r of perOffice) {
    const m = counts.get(r.office) ?? new Map<Category, number | null>();
    m.set(catOf(r.category), r.visits);
    counts.set(r.office, m);
  }
  const offices = [...counts.keys()].map((code) => ({ code, label: officeName(ctx.registry, code) }))
    .sort((a, b) => sum(counts.get(b.code)) - sum(counts.get(a.code)));
  const perOfficeCard = chartCard(slot('span-12'), {
    title: t('topics.perOffice'), height: Math.max(300, offices.length * 22 + 90),
    option: () => officeStack(offices, counts, order, t('topics.other')),
    summary: offices.slice(0, 3).map((o) => `${o.label}: ${fmtCount(sum(counts.get(o.code)))}`).join(', '),
    table: { head: [t('col.office'), t('col.category'), t('col.visits')], numeric: [2], rows: perOffice.map((r) => [officeName(ctx.registry, r.office), catName(r.category), fmtCount(r.visits, r.suppressed)]) },
  });
  charts.push(perOfficeCard.chart);
  underTables.push(perOfficeCard.el);

  // Every bucket of the period, covered or not, from the server: the axis never skips a quiet day.
  const buckets = data.buckets;
  const trendAt = new Map(trend.map((r) => [`${r.bucket}|${r.category}`, r]));
  const bucketLabel = data.granularity === 'month' ? fmtMonth : (b: string) => fmtDay(b).slice(0, 5);
  const top = order.slice(0, 6);
  const trendCard = chartCard(slot('span-12'), {
    title: t('topics.trend'), height: 320,
    option: () => categoryTrend(buckets, bucketLabel, top.map((c) => ({ category: c, values: new Map(trend.filter((r) => r.category === c).map((r) => [r.bucket, r.visits])) })), t('status.no_data')),
    summary: `${t('topics.trend')}: ${top.map((c) => label(CATEGORY_LABELS[c])).join(', ')}`,
    // One row per bucket, as drawn: a count, 0 for a covered bucket without visits, «нет данных» for a gap.
    table: {
      head: [t('col.day'), ...top.map((c) => label(CATEGORY_LABELS[c]))], numeric: top.map((_, i) => i + 1),
      rows: buckets.map((b) => [bucketLabel(b.bucket), ...top.map((c) => {
        if (!b.covered) return t('state.noData');
        const r = trendAt.get(`${b.bucket}|${c}`);
        return r ? fmtCount(r.visits, r.suppressed) : fmtCount(0);
      })]),
    },
  });
  charts.push(trendCard.chart);
  underTables.push(trendCard.el);
  if (press) for (const card of underTables) card.append(method());

  plainCard(slot('span-6'), t('publish.title'), null, publishPanel(ctx));
  const examples = order.filter((c) => (data.examples[c]?.length ?? 0) > 0);
  plainCard(slot('span-6'), t('topics.examples'), t('topics.examplesNote'), h('dl', { className: 'examples' },
    ...examples.flatMap((c) => [h('dt', {}, label(CATEGORY_LABELS[c])), h('dd', {}, (data.examples[c] ?? []).slice(0, 4).map((e) => `«${e}»`).join(', '))])));
  if (canCorrectCategories(ctx)) plainCard(slot('span-12'), t('topics.review'), null, correctionsPanel(ctx, reload));
}

function sum(m: ReadonlyMap<Category, number | null> | undefined): number {
  let s = 0;
  for (const v of m?.values() ?? []) s += v ?? 0;
  return s;
}
