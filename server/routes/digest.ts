import type { Router } from 'express';
import { buildDigest, digestHtml, digestMarkdown, officeNames } from '../../sql/compliance/digest.ts';
import { ROUTES } from '../api/contract.ts';
import { mount } from '../http/route.ts';
import type { RouteDeps } from './deps.ts';

/** GET /api/digest?month=YYYY-MM&lang&format=md|html — the inspector's monthly digest, to mail or print. */
export function digestRoutes(router: Router, { handle: { db }, today }: RouteDeps): void {
  mount(router, ROUTES.digest, async ({ query, res }) => {
    const [digest, names] = await Promise.all([buildDigest(db, query.month, today()), officeNames(db)]);
    if (query.format === 'md') {
      res.type('text/markdown; charset=utf-8').attachment(`digest-${query.month}-${query.lang}.md`).send(digestMarkdown(digest, query.lang, names));
      return;
    }
    res.type('text/html; charset=utf-8').send(digestHtml(digest, query.lang, names));
  });
}
