import type { ComplianceResponse, Flag, FlagsResponse, RuleVerdict } from '../../server/api/contract.ts';
import { addDays, monthStart } from '../../domain/calendar.ts';
import { RULE_LABELS } from '../../domain/rules.ts';
import { apiUrl, getJson } from '../api.ts';
import { chartCard, plainCard } from '../charts/chart-card.ts';
import type { MountedChart } from '../charts/mount-chart.ts';
import { fmtInt, fmtMinutes, fmtMonth, fmtPeriod } from '../i18n/format.ts';
import { evidenceLines } from '../i18n/evidence/index.ts';
import { getLang, label } from '../i18n/lang.ts';
import { t } from '../i18n/t.ts';
import { canActOnFlags } from '../state/access.ts';
import { officeName, type Cleanup, type ViewContext } from '../state/context.ts';
import { hrefFor } from '../state/router.ts';
import { h } from '../ui/dom.ts';
import { showError, showLoading } from '../ui/states.ts';
import { caseList, fmtMonths } from './compliance/case-list.ts';
import { delayBoxes } from './compliance/delay-box.ts';
import { flagPanel } from './compliance/flag-panel.ts';
import { complianceMatrix, fmtVerdictThreshold, fmtVerdictValue, statusText } from './compliance/matrix.ts';

/** The inspector's view: the matrix, delays against the threshold, the cases to work with evidence and actions. */
export function render(ctx: ViewContext): Cleanup {
  const charts: MountedChart[] = [];
  let alive = true;
  const load = async () => {
    showLoading(ctx.root);
    // One answer holds all the page draws: the matrix and the admission delays' boxes.
    const matrix = await getJson<ComplianceResponse>('compliance', ctx.query);
    if (alive) draw(ctx, charts, matrix);
  };
  load().catch((e: unknown) => { if (alive) showError(ctx.root, e, () => void load()); });
  return () => { alive = false; charts.forEach((c) => c.destroy()); };
}

/** The last month of the period the case covers: the matrix shows the period, the case that month's evidence. */
function monthInView(f: Flag, period: { from: string; to: string }): string | undefined {
  return [...f.months].reverse().find((m) => m < period.to && m >= monthStart(period.from));
}

function draw(ctx: ViewContext, charts: MountedChart[], matrix: ComplianceResponse): void {
  const root = ctx.root;
  const boxes = matrix.delays;
  const name = (c: string) => officeName(ctx.registry, c);
  const canAct = canActOnFlags(ctx.session.user.role);
  // The digest is monthly: the period's last month.
  const lastMonth = addDays(matrix.period.to, -1).slice(0, 7);
  const digest = h('a', { href: apiUrl('digest', { month: lastMonth, lang: getLang() }), target: '_blank', rel: 'noopener', id: 'digest-link' },
    t('compliance.digest', { month: fmtMonth(`${lastMonth}-01`) }));
  root.replaceChildren(h('div', { className: 'page-head' },
    h('div', {}, h('h1', {}, t('compliance.title')), h('p', {}, `${fmtPeriod(matrix.period.from, matrix.period.to)} · ${t('compliance.lead')}`)),
    digest));
  const grid = h('div', { className: 'grid' });
  root.append(grid);
  const slot = (cls: string) => { const el = h('div', { className: cls }); grid.append(el); return el; };

  const detail = h('div', { className: 'verdict-detail', 'aria-live': 'polite' });
  const panelHost = h('div', { id: 'flag-panel-host' }, h('section', { className: 'card' }, h('p', { className: 'note' }, t('compliance.pickFlag'))));
  let list: { reload(): void } | null = null;
  const openFlag = (f: Flag, month?: string) => {
    flagPanel(panelHost, f.id, name, canAct, () => list?.reload(), month);
    panelHost.scrollIntoView({ block: 'nearest' });
  };
  const onPick = async (office: string, v: RuleVerdict) => {
    const found = await getJson<FlagsResponse>('flags', { office, rule: v.rule, from: matrix.period.from, to: matrix.period.to, pageSize: 1, sort: 'office' });
    const flag = found.flags[0];
    const month = flag ? monthInView(flag, matrix.period) : undefined;
    detail.replaceChildren(h('h3', {}, `${name(office)} · ${label(RULE_LABELS[v.rule])}: ${statusText(v)}`),
      h('p', {}, `${t('col.value')}: ${fmtVerdictValue(v)} · ${t('col.threshold')}: ${fmtVerdictThreshold(v)}`),
      v.evidence.length ? h('ul', {}, ...evidenceLines(v.evidence, v.evidence_items).map((e) => h('li', {}, e))) : h('p', { className: 'note' }, t('flag.noEvidence')),
      ...(flag ? [h('button', { type: 'button', className: 'btn', id: 'matrix-open-case', onclick: () => openFlag(flag, month) },
        `${t('flag.open')}: ${month ? fmtMonth(month) : fmtMonths(flag.months)}`)] : []),
      h('a', { href: hrefFor({ view: 'office', office }) }, name(office)));
  };
  const never = matrix.offices.filter((o) => o.rules.some((r) => r.rule === 'reporting' && r.evidence_items?.some((i) => i.key === 'never_reported')));
  plainCard(slot('span-12'), t('compliance.matrix'), t('compliance.matrixNote'),
    complianceMatrix(matrix, name, (o, v) => void onPick(o, v)),
    never.length ? h('p', { className: 'note', id: 'never-reported' }, t('compliance.neverReported', { list: never.map((o) => name(o.office)).join(', ') })) : null,
    detail);

  const casesHost = h('div', { id: 'flags-list' });
  plainCard(slot('span-7'), t('compliance.flags'), canAct ? null : t('compliance.readOnly'), casesHost);
  slot('span-5').append(panelHost);
  list = caseList(casesHost, ctx.query, ctx.state.cases, name, (f) => openFlag(f));

  const threshold = matrix.offices.flatMap((o) => o.rules).find((r) => r.rule === 'no_pass_delay' && r.threshold !== null)?.threshold ?? 5;
  const withData = boxes.filter((b) => b.median !== null);
  charts.push(chartCard(slot('span-12'), {
    title: t('compliance.delays'), note: t('compliance.delaysNote', { n: fmtInt(threshold) }), height: 280,
    option: () => delayBoxes(boxes, name, threshold, fmtMinutes(threshold)),
    summary: `${t('compliance.delays')}: ${withData.filter((b) => (b.p90 ?? 0) > threshold).map((b) => name(b.office)).join(', ') || '—'}`,
    table: {
      head: [t('col.office'), 'n', 'min', 'Q1', t('stat.median'), 'Q3', 'P90', 'max'], numeric: [1, 2, 3, 4, 5, 6, 7],
      rows: withData.map((b) => [name(b.office), fmtInt(b.n), ...[b.min, b.q1, b.median, b.q3, b.p90, b.max].map((v) => (v === null ? '—' : fmtMinutes(v)))]),
    },
  }).chart);
}
