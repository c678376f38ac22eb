import type { Office, OfficesResponse } from '../../server/api/contract.ts';
import { getLang } from '../i18n/lang.ts';
import type { Period } from './period.ts';
import type { Session } from './session.ts';
import type { UrlState } from './url-state.ts';

/** What a view gets: the URL state, the resolved period, who is looking and the office registry. */
export interface ViewContext {
  root: HTMLElement;
  state: UrlState;
  period: Period;
  session: Session;
  registry: OfficesResponse;
  /** Query parameters of the current filter for aggregate routes. */
  query: { from: string; to: string; office?: string; region?: string; compare?: 'year_ago' };
}

export type Cleanup = () => void;
export type ViewModule = { render(ctx: ViewContext): Cleanup };

export function officeName(registry: OfficesResponse, code: string): string {
  const o = registry.offices.find((x) => x.code === code);
  return o ? officeLabel(o) : code;
}

export function officeLabel(o: Office): string {
  const lang = getLang();
  return lang === 'ru' ? o.name_ru : lang === 'kk' ? o.name_kk : o.name_en;
}

export function regionLabel(registry: OfficesResponse, code: string | null): string {
  const r = registry.regions.find((x) => x.code === code) ?? registry.regions[0];
  if (!r) return '';
  const lang = getLang();
  return lang === 'ru' ? r.name_ru : lang === 'kk' ? r.name_kk : r.name_en;
}

/** A label short enough for a map point: "Сарканский РОП" → "Сарканский", "ГОП Текели" → "Текели". */
export function shortOfficeName(registry: OfficesResponse, code: string): string {
  return officeName(registry, code).replace(/(^|\s)[РГ]?ОП(?=\s|$)/gu, ' ').trim() || code;
}
