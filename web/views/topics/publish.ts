import type { SummaryResponse } from '../../../server/api/contract.ts';
import { LANGS, type Lang } from '../../../domain/labels.ts';
import { getBlob, getJson } from '../../api.ts';
import { renderPng } from '../../charts/mount-chart.ts';
import { fmtShare } from '../../i18n/format.ts';
import { withLang } from '../../i18n/lang.ts';
import { t } from '../../i18n/t.ts';
import type { ViewContext } from '../../state/context.ts';
import { download, h } from '../../ui/dom.ts';
import { errorState } from '../../ui/states.ts';
import { exportMixBars } from './options.ts';

const LANG_NAMES: Readonly<Record<Lang, string>> = { ru: 'Русский', kk: 'Қазақша', en: 'English' };

/** The category chart of a summary as a PNG in the summary's language: title, scope, period, source, labels adding up to 100. */
export function summaryPng(s: SummaryResponse): string {
  const f = s.figures;
  return withLang(f.lang, () => {
    const items = f.categories.filter((c) => c.percent !== null).map((c) => ({ name: c.name, percent: c.percent ?? 0, hidden: false }));
    if (f.hiddenPercent !== null) items.push({ name: t('publish.hiddenTopics'), percent: f.hiddenPercent, hidden: true });
    const option = exportMixBars({
      title: f.title,
      subtitle: `${f.scope} · ${f.periodText}`,
      footer: [f.source, f.method].filter(Boolean).join('\n'),
      items,
    }, (p) => fmtShare(p / 100));
    return renderPng(option, 820, Math.max(360, items.length * 30 + 170));
  });
}

/**
 * Language choice, the server's publishable text (GET /api/summary: the same figures as the page,
 * protected for press), copy, and the downloads in that language: text, CSV, XLSX and the PNG.
 */
export function publishPanel(ctx: ViewContext): HTMLElement {
  let lang: Lang = 'ru';
  let current: SummaryResponse | null = null;
  const text = h('p', { className: 'summary-text', id: 'summary-text', 'aria-live': 'polite' });
  const status = h('p', { className: 'note', role: 'status' });
  const refresh = async () => {
    text.setAttribute('aria-busy', 'true');
    try {
      current = await getJson<SummaryResponse>('summary', { ...ctx.query, lang });
      text.textContent = current.text;
      text.lang = lang;
      text.dataset.lang = lang;
    } catch (e) {
      status.replaceChildren(errorState(e));
    } finally {
      text.removeAttribute('aria-busy');
    }
  };
  const select = h('select', { id: 'summary-lang' }, ...LANGS.map((l) => h('option', { value: l, lang: l }, LANG_NAMES[l])));
  select.addEventListener('change', () => { lang = select.value as Lang; void refresh(); });
  void refresh();
  const base = () => `vitrina-topics-${ctx.period.from}_${ctx.period.to}-${lang}`;
  const serverFile = (format: 'txt' | 'csv' | 'xlsx') => async () => {
    status.textContent = t('publish.downloading');
    try {
      download(`${base()}.${format}`, await getBlob('summary', { ...ctx.query, lang, format }));
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
      button('download-txt', t('publish.txt'), serverFile('txt')),
      button('download-csv', t('publish.csv'), serverFile('csv')),
      button('download-xlsx', t('publish.xlsx'), serverFile('xlsx')),
      button('download-png', t('publish.png'), () => { if (current) download(`${base()}.png`, summaryPng(current)); })),
    status);
}
