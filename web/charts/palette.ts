/**
 * Okabe–Ito: eight colours that stay distinct for the common forms of colour blindness.
 * Status colours reuse it: blue for ok, vermillion for a breach, grey for no data, so no judgement
 * rests on red versus green.
 */
export const OKABE_ITO = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#56B4E9', '#CC79A7', '#F0E442', '#000000'] as const;
export const SERIES_COLORS = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#56B4E9', '#CC79A7', '#F0E442', '#999999'];

export const STATUS_COLORS = {
  ok: '#0072B2',
  breach: '#D55E00',
  no_data: '#9AA0A6',
  small_sample: '#E69F00',
} as const;

export interface ChartTheme { text: string; muted: string; grid: string; surface: string }

/** Reads the page's CSS variables so charts follow light and dark mode. */
export function chartTheme(): ChartTheme {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return { text: v('--text', '#1f2328'), muted: v('--muted', '#59636e'), grid: v('--grid', '#d8dee4'), surface: v('--surface', '#ffffff') };
}
