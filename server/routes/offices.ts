import type { Router } from 'express';
import { listOffices, listRegions } from '../../sql/queries/offices.ts';
import { ROUTES, type OfficesResponse } from '../api/contract.ts';
import { mount } from '../http/route.ts';
import { respond } from '../respond/respond.ts';
import type { RouteDeps } from './deps.ts';

/** GET /api/offices (registry with coordinates) and GET /healthz. */
export function registryRoutes(router: Router, { handle }: RouteDeps): void {
  mount(router, ROUTES.offices, async ({ req, res }) => {
    const [regions, offices] = await Promise.all([listRegions(handle.db), listOffices(handle.db)]);
    const body: OfficesResponse = {
      regions,
      offices: offices.map(({ region_code, ...o }) => ({ ...o, region: region_code })),
    };
    await respond(req, res, body, { offices: body.offices, regions: body.regions }, 'offices');
  });

  mount(router, ROUTES.health, async ({ res }) => {
    await handle.db.selectFrom('offices').select('code').limit(1).execute();
    res.set('Cache-Control', 'no-store').json({ status: 'ok', database: handle.kind });
  });
}
