import type { DurationStats } from '../../../server/api/contract.ts';
import { standardOf, STANDARDS } from '../../../domain/standards.ts';
import { chartCard } from '../../charts/chart-card.ts';
import type { MountedChart } from '../../charts/mount-chart.ts';
import { durationBars } from '../../charts/options.ts';
import { fmtInt, fmtMinutes, fmtShare } from '../../i18n/format.ts';
import { t } from '../../i18n/t.ts';
import { kpi } from '../../ui/kpi.ts';

/**
 * The durations card of the Overview and the office page: median and p90 of each measure, each
 * against its own standard only (contract §8, domain/standards.ts): a dash at the admission
 * delay's 5 min and at a statement's 20 min, none for waiting and service time.
 */
export function durationsCard(parent: HTMLElement, durations: readonly DurationStats[], height = 300): MountedChart {
  const rows = durations.map((d) => ({
    label: t(`metric.${d.metric}` as const), median: d.median, p90: d.p90, n: d.n,
    standardMax: standardOf(d.metric)?.maxMinutes, standardText: standardText(d.metric),
  }));
  const min = (v: number | null) => (v === null ? '—' : fmtMinutes(v));
  return chartCard(parent, {
    title: t('durations.title'),
    note: t('durations.note', { delay: fmtMinutes(STANDARDS.admissionDelayMaxMinutes), from: STANDARDS.statementMinMinutes, to: STANDARDS.statementMaxMinutes }),
    height,
    option: () => durationBars(rows, { median: t('stat.median'), p90: t('stat.p90'), standard: t('stat.standard') }),
    summary: rows.map((r) => `${r.label}: ${t('stat.median')} ${min(r.median)}, ${t('stat.p90')} ${min(r.p90)}`).join('; '),
    table: {
      head: ['', t('stat.median'), t('stat.p90'), t('stat.n'), t('stat.standardFor')], numeric: [1, 2, 3],
      rows: rows.map((r) => [r.label, min(r.median), min(r.p90), fmtInt(r.n), r.standardText]),
    },
  }).chart;
}

/** A measure's standard in words: «не более 5 мин», «15–20 мин», or «нет». */
export function standardText(metric: DurationStats['metric']): string {
  const s = standardOf(metric);
  if (!s) return t('stat.standardNone');
  return s.minMinutes === null ? t('stat.standardMax', { n: fmtMinutes(s.maxMinutes) }) : t('stat.standardRange', { from: s.minMinutes, to: s.maxMinutes });
}

/**
 * A duration measure's headline figure, named by the measure, the statistic said beneath with its
 * own standard or the words that it has none (contract §8).
 */
export function measureKpi(d: DurationStats | undefined, metric: DurationStats['metric'], stat: 'median' | 'p90'): HTMLElement {
  const v = d?.[stat] ?? null;
  const s = standardOf(metric);
  const over = d?.overStandard == null ? '—' : fmtShare(d.overStandard);
  const statName = t(stat === 'median' ? 'stat.median' : 'stat.p90');
  const sub = !s ? t('kpi.noStandard', { stat: statName })
    : s.minMinutes === null ? t('kpi.standardMax', { stat: statName, n: fmtMinutes(s.maxMinutes), share: over })
      : t('kpi.standardRange', { stat: statName, from: s.minMinutes, to: s.maxMinutes, share: over });
  return kpi(t(`metric.${metric}` as const), v === null ? '—' : fmtMinutes(v), sub);
}
