import type { Router } from 'express';
import { buildOpenApi } from '../api/openapi.ts';
import { ROUTES } from '../api/contract.ts';
import { mount } from '../http/route.ts';
import type { RouteDeps } from './deps.ts';

/** GET /api/openapi.json, built once from the contract. */
export function openapiRoutes(router: Router, _deps: RouteDeps): void {
  let doc: ReturnType<typeof buildOpenApi> | undefined;
  mount(router, ROUTES.openapi, async ({ res }) => {
    doc ??= buildOpenApi();
    res.json(doc);
  });
}
