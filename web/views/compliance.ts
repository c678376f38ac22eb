import type { ComplianceResponse, DelaysResponse, Flag, ResponseOf, RuleVerdict } from '../../server/api/contract.ts';
import { RULE_LABELS } from '../../sql/domain/rules.ts';
import { getJson, getTable } from '../api.ts';
import { chartCard, plainCard } from '../charts/chart-card.ts';
import type { MountedChart } from '../charts/mount-chart.ts';
import { fmtDay, fmtInt, fmtMinutes, fmtMonth, fmtPeriod } from '../i18n/format.ts';
import { evidenceLines } from '../i18n/evidence/index.ts';
import { label } from '../i18n/lang.ts';
import { t } from '../i18n/t.ts';
import { canActOnFlags } from '../state/access.ts';
import { officeName, type Cleanup, type ViewContext } from '../state/context.ts';
import { hrefFor } from '../state/router.ts';
import { h } from '../ui/dom.ts';
import { showError, showLoading } from '../ui/states.ts';
import { scrollTable } from '../ui/table.ts';
import { delayBoxes } from './compliance/delay-box.ts';
import { flagPanel, flagStatusChip } from './compliance/flag-panel.ts';
import { complianceMatrix, fmtVerdictValue, statusText } from './compliance/matrix.ts';

type Box = DelaysResponse['offices'][number];
type FlagsResponse = ResponseOf<'flags'>;

/** The inspector's view: the matrix, delays against the threshold, flags with evidence and actions. */
export function render(ctx: ViewContext): Cleanup {
  const charts: MountedChart[] = [];
  let alive = true;
  const load = async () => {
    showLoading(ctx.root);
    const [matrix, boxes, flags] = await Promise.all([
      getJson<ComplianceResponse>('compliance', ctx.query),
      getTable<Box>('compliance/delays', 'offices', { ...ctx.query, metric: 'admission_delay' }),
      getJson<FlagsResponse>('flags', ctx.state.office ? { office: ctx.state.office } : {}),
    ]);
    if (alive) draw(ctx, charts, matrix, boxes, flags.flags);
  };
  load().catch((e: unknown) => { if (alive) showError(ctx.root, e, () => void load()); });
  return () => { alive = false; charts.forEach((c) => c.destroy()); };
}

function draw(ctx: ViewContext, charts: MountedChart[], matrix: ComplianceResponse, boxes: Box[], flags: Flag[]): void {
  const root = ctx.root;
  const name = (c: string) => officeName(ctx.registry, c);
  const canAct = canActOnFlags(ctx.session.user.role);
  root.replaceChildren(h('div', { className: 'page-head' },
    h('div', {}, h('h1', {}, t('compliance.title')), h('p', {}, `${fmtPeriod(matrix.period.from, matrix.period.to)} · ${t('compliance.lead')}`))));
  const grid = h('div', { className: 'grid' });
  root.append(grid);
  const slot = (cls: string) => { const el = h('div', { className: cls }); grid.append(el); return el; };

  const detail = h('div', { className: 'verdict-detail', 'aria-live': 'polite' });
  const panelHost = h('div', { id: 'flag-panel-host' }, h('section', { className: 'card' }, h('p', { className: 'note' }, t('compliance.pickFlag'))));
  const openFlag = (id: number) => flagPanel(panelHost, id, name, canAct, (d) => {
    const i = flags.findIndex((f) => f.id === d.flag.id);
    if (i >= 0) flags[i] = d.flag;
    renderFlags();
  });
  const onPick = (office: string, v: RuleVerdict) => {
    const flag = flags.filter((f) => f.office === office && f.rule === v.rule).sort((a, b) => b.month.localeCompare(a.month))[0];
    detail.replaceChildren(h('h3', {}, `${name(office)} · ${label(RULE_LABELS[v.rule])}: ${statusText(v)}`),
      h('p', {}, `${t('col.value')}: ${fmtVerdictValue(v)} · ${t('col.threshold')}: ${fmtVerdictValue({ rule: v.rule, value: v.threshold })}`),
      v.evidence.length ? h('ul', {}, ...evidenceLines(v.evidence, v.evidence_items).map((e) => h('li', {}, e))) : h('p', { className: 'note' }, t('flag.noEvidence')),
      ...(flag ? [h('button', { type: 'button', className: 'btn', onclick: () => openFlag(flag.id) }, `${t('flag.open')}: ${fmtMonth(flag.month)}`)] : []),
      h('a', { href: hrefFor({ view: 'office', office }) }, name(office)));
  };
  plainCard(slot('span-12'), t('compliance.matrix'), t('compliance.matrixNote'), complianceMatrix(matrix, name, onPick), detail);

  const threshold = matrix.offices.flatMap((o) => o.rules).find((r) => r.rule === 'no_pass_delay' && r.threshold !== null)?.threshold ?? 5;
  const withData = boxes.filter((b) => b.median !== null);
  charts.push(chartCard(slot('span-12'), {
    title: t('compliance.delays'), note: t('compliance.delaysNote', { n: fmtInt(threshold) }), height: 360,
    option: () => delayBoxes(boxes, name, threshold, fmtMinutes(threshold)),
    summary: `${t('compliance.delays')}: ${withData.filter((b) => (b.p90 ?? 0) > threshold).map((b) => name(b.office)).join(', ') || '—'}`,
    table: {
      head: [t('col.office'), 'n', 'min', 'Q1', t('stat.median'), 'Q3', 'P90', 'max'], numeric: [1, 2, 3, 4, 5, 6, 7],
      rows: withData.map((b) => [name(b.office), fmtInt(b.n), ...[b.min, b.q1, b.median, b.q3, b.p90, b.max].map((v) => (v === null ? '—' : fmtMinutes(v)))]),
    },
  }).chart);

  const flagsHost = h('div', { id: 'flags-list' });
  const renderFlags = () => {
    const sorted = [...flags].sort((a, b) => b.month.localeCompare(a.month) || a.office.localeCompare(b.office));
    flagsHost.replaceChildren(sorted.length === 0 ? h('p', { className: 'note' }, t('compliance.flagsEmpty')) : scrollTable({
      caption: t('compliance.flags'), hiddenCaption: true,
      head: [t('col.office'), t('flag.rule'), t('flag.month'), t('col.value'), t('flag.status'), t('flag.deadline'), ''],
      rows: sorted.map((f) => [name(f.office), label(RULE_LABELS[f.rule]), fmtMonth(f.month), fmtVerdictValue(f), flagStatusChip(f.status),
        f.deadline ? fmtDay(f.deadline) : '—',
        h('button', { type: 'button', className: 'btn', 'data-flag': String(f.id), 'data-office': f.office, 'data-rule': f.rule, onclick: () => openFlag(f.id) }, t('flag.open'))]),
    }));
  };
  renderFlags();
  plainCard(slot('span-7'), t('compliance.flags'), canAct ? null : t('compliance.readOnly'), flagsHost);
  const side = slot('span-5');
  side.append(panelHost);
}
