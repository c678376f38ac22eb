import type { Router } from 'express';
import { listRegions } from '../../sql/queries/offices.ts';
import { ROUTES, type SummaryResponse } from '../api/contract.ts';
import { mount } from '../http/route.ts';
import { suppressorFor } from '../respond/suppress.ts';
import { summaryComparison } from '../summary/comparison.ts';
import { summaryCsv, summaryText, summaryXlsx } from '../summary/downloads.ts';
import { nameIn, summaryFigures } from '../summary/figures.ts';
import { writeSummary } from '../summary/write-summary.ts';
import type { RouteDeps } from './deps.ts';
import { noDataOffices } from '../scope/period-figures.ts';
import { resolveScope } from '../scope/resolve-scope.ts';
import { topicsAnswer } from './topics.ts';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * GET /api/summary: the publishable paragraph in ru/kk/en with the comparison and the figures it
 * states, built from the same Topics answer the role gets (press: protected values), so the page,
 * the text and the downloads agree. ?format=txt|csv|xlsx downloads them in that language.
 */
export function summaryRoutes(router: Router, { handle: { db }, cache }: RouteDeps): void {
  mount(router, ROUTES.summary, async ({ query, user, res }) => {
    const s = suppressorFor(user.role);
    const { lang, format, ...filter } = query;
    const [{ body: topics }, resolved, regions] = await Promise.all([topicsAnswer(db, cache, filter, s), resolveScope(db, filter), listRegions(db)]);
    const office = filter.office ? resolved.offices[0] ?? null : null;
    const region = regions.find((r) => r.code === (filter.region ?? resolved.offices[0]?.region_code)) ?? null;
    const figures = summaryFigures(lang, topics, { office, region }, s.on);
    const comparison = await summaryComparison(db, resolved, s);
    const byCode = new Map(resolved.offices.map((o) => [o.code, o]));
    const leftOut = comparison.officesLeftOut.map((c) => { const o = byCode.get(c); return o ? nameIn(lang, o) : c; });
    const uncovered = noDataOffices(resolved).map((o) => { const row = byCode.get(o.office); return { ...o, name: row ? nameIn(lang, row) : o.office }; });
    const body: SummaryResponse = { text: writeSummary(figures, comparison, leftOut, uncovered), comparison, figures };
    const name = `vitrina-summary-${office?.code ?? region?.code ?? 'all'}-${figures.period.from}_${figures.period.to}-${lang}`;
    if (format === 'txt') res.type('text/plain; charset=utf-8').attachment(`${name}.txt`).send(summaryText(body));
    else if (format === 'csv') res.type('text/csv; charset=utf-8').attachment(`${name}.csv`).send(summaryCsv(body));
    else if (format === 'xlsx') res.type(XLSX_MIME).attachment(`${name}.xlsx`).send(await summaryXlsx(body, topics, resolved.offices));
    else res.json(body);
  });
}
