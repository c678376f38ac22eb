import type { TopicsResponse } from '../../../server/api/contract.ts';
import { LANGS, type Lang } from '../../../sql/domain/labels.ts';
import { getBlob } from '../../api.ts';
import { fmtChange, fmtPeriod, fmtPublished, fmtShare } from '../../i18n/format.ts';
import { withLang } from '../../i18n/lang.ts';
import { t } from '../../i18n/t.ts';
import { regionLabel, officeLabel, type ViewContext } from '../../state/context.ts';
import { download, h } from '../../ui/dom.ts';
import { errorState } from '../../ui/states.ts';
import { writeSummary } from './summary.ts';

const LANG_NAMES: Readonly<Record<Lang, string>> = { ru: 'Русский', kk: 'Қазақша', en: 'English' };

/** The summary in one language, from the numbers: published counts (1–4 → "<5"), shares, change. */
export function summaryFor(lang: Lang, ctx: ViewContext, data: TopicsResponse, cats: TopicsResponse['categories'], compare: boolean): string {
  return withLang(lang, () => {
    const office = ctx.state.office ? ctx.registry.offices.find((o) => o.code === ctx.state.office) : undefined;
    // Like for like (contract §8): this period and the previous one over the same offices, or no change at all.
    const change = data.comparison.comparable ? cats.reduce((a, c) => a + (c.previous ?? 0), 0) : 0;
    const compared = cats.reduce((a, c) => a + (c.compared ?? 0), 0);
    const top = [...cats].filter((c) => c.share !== null && !c.suppressed && c.category !== 'unspecified')
      .sort((a, b) => (b.share ?? 0) - (a.share ?? 0)).slice(0, 3)
      .map((c) => ({ category: c.category, share: fmtShare(c.share ?? 0) }));
    return writeSummary(lang, {
      scope: office ? officeLabel(office) : regionLabel(ctx.registry, ctx.state.region),
      period: fmtPeriod(data.period.from, data.period.to),
      total: fmtPublished(data.total, data.total === null),
      count: data.total,
      change: compare && change > 0 && data.total !== null ? fmtChange((compared - change) / change) : null,
      top,
    });
  });
}

/** Language choice, the text, copy, and the downloads (text, CSV, XLSX from the server, PNG of the chart). */
export function publishPanel(ctx: ViewContext, data: TopicsResponse, cats: TopicsResponse['categories'], png: () => string): HTMLElement {
  let lang: Lang = 'ru';
  const text = h('p', { className: 'summary-text', id: 'summary-text', 'aria-live': 'polite' });
  const status = h('p', { className: 'note', role: 'status' });
  const refresh = () => { text.textContent = summaryFor(lang, ctx, data, cats, ctx.state.cmp === 'prev'); text.lang = lang; };
  const select = h('select', { id: 'summary-lang' }, ...LANGS.map((l) => h('option', { value: l, lang: l }, LANG_NAMES[l])));
  select.addEventListener('change', () => { lang = select.value as Lang; refresh(); });
  refresh();
  const base = `vitrina-topics-${ctx.period.from}_${ctx.period.to}`;
  const serverFile = (format: 'csv' | 'xlsx') => async () => {
    status.textContent = t('publish.downloading');
    try {
      download(`${base}.${format}`, await getBlob('topics', { ...ctx.query, format, ...(format === 'csv' ? { table: 'categories' } : {}) }));
      status.textContent = '';
    } catch (e) {
      status.replaceChildren(errorState(e));
    }
  };
  const button = (id: string, labelText: string, run: () => void | Promise<void>) =>
    h('button', { type: 'button', className: 'btn', id, onclick: () => void run() }, labelText);
  return h('div', {},
    h('p', { className: 'note' }, t('publish.lead')),
    h('div', { className: 'field' }, h('label', { for: 'summary-lang' }, t('publish.lang')), select),
    text,
    h('div', { className: 'actions-row' },
      button('copy-summary', t('publish.copy'), async () => {
        await navigator.clipboard?.writeText(text.textContent ?? '').catch(() => undefined);
        status.textContent = t('publish.copied');
      }),
      button('download-txt', t('publish.txt'), () => download(`${base}-${lang}.txt`, new Blob([`${text.textContent ?? ''}\n`], { type: 'text/plain;charset=utf-8' }))),
      button('download-csv', t('publish.csv'), serverFile('csv')),
      button('download-xlsx', t('publish.xlsx'), serverFile('xlsx')),
      button('download-png', t('publish.png'), () => download(`${base}.png`, png()))),
    status);
}
