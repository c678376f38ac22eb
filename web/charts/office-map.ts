import type { RuleStatus } from '../../domain/rules.ts';
import { axisStyle, legendStyle, tooltipStyle } from './axes.ts';
import type { EChartsCoreOption } from './echarts.ts';
import { chartTheme, STATUS_COLORS } from './palette.ts';

/** An office's standing over the compliance rules (domain/rules.ts overallStatus). */
export type MapStatus = RuleStatus;
/** `highlight`: the office the filter picked, drawn larger among the others (which keep their own status). */
export interface MapPoint { code: string; label: string; lat: number; lon: number; status: MapStatus; detail: string; highlight?: boolean }

/**
 * The offices at their coordinates on plain lon/lat axes: no base map can be fetched, and the
 * relative positions (north-east Alakol, south Kegen) are what orients a reader from the oblast.
 * Longitude is stretched by 1/cos(latitude) so distances look right at ~44° N.
 */
export function officeMap(points: readonly MapPoint[], statusNames: Readonly<Record<MapStatus, string>>): EChartsCoreOption {
  const lats = points.map((p) => p.lat);
  const midLat = lats.length ? (Math.min(...lats) + Math.max(...lats)) / 2 : 44;
  const k = Math.cos((midLat * Math.PI) / 180);
  const statuses: MapStatus[] = ['breach', 'ok', 'no_data'];
  const hidden = { ...axisStyle(), axisLabel: { show: false }, splitLine: { show: false }, axisLine: { show: false }, axisTick: { show: false } };
  return {
    grid: { left: 16, right: 96, top: 40, bottom: 16 },
    legend: { ...legendStyle(), top: 0, left: 0, data: statuses.map((s) => statusNames[s]) },
    tooltip: { ...tooltipStyle(), formatter: (p: { data: { detail: string } }) => p.data.detail },
    xAxis: { type: 'value', scale: true, ...hidden },
    yAxis: { type: 'value', scale: true, ...hidden },
    series: statuses.map((s) => ({
      name: statusNames[s], type: 'scatter', symbolSize: 16, cursor: 'pointer',
      symbol: s === 'breach' ? 'triangle' : s === 'ok' ? 'circle' : 'rect',
      itemStyle: { color: STATUS_COLORS[s], borderColor: chartTheme().surface, borderWidth: 1.5 },
      label: { show: true, position: 'right', formatter: (p: { data: { label: string } }) => p.data.label, color: chartTheme().text, fontSize: 11 },
      labelLayout: { hideOverlap: true },
      data: points.filter((p) => p.status === s).map((p) => ({
        value: [p.lon * k, p.lat], label: p.label, detail: p.detail, code: p.code,
        ...(p.highlight ? { symbolSize: 28, itemStyle: { borderColor: chartTheme().text, borderWidth: 3 }, label: { show: true, fontWeight: 'bold' } } : {}),
      })),
    })),
  };
}
