import compression from 'compression';
import express, { type Express } from 'express';
import { loadSession, csrfProtection } from './auth/session-middleware.ts';
import { createAggregateCache } from './cache/aggregate-cache.ts';
import { pressPeriods } from './disclosure/press-periods.ts';
import { errorMiddleware, notFound } from './http/error-middleware.ts';
import { requestContext } from './http/request-context.ts';
import { complianceRoutes } from './routes/compliance.ts';
import type { AppDeps } from './routes/deps.ts';
import { exportRoutes } from './routes/export.ts';
import { fileRoutes } from './routes/files.ts';
import { flagRoutes } from './routes/flags.ts';
import { officePageRoutes } from './routes/office-page.ts';
import { registryRoutes } from './routes/offices.ts';
import { openapiRoutes } from './routes/openapi.ts';
import { overviewRoutes } from './routes/overview.ts';
import { sessionRoutes } from './routes/session.ts';
import { summaryRoutes } from './routes/summary.ts';
import { thresholdRoutes } from './routes/thresholds.ts';
import { topicsRoutes } from './routes/topics.ts';
import { uploadRoutes } from './routes/uploads.ts';
import { securityHeaders } from './security-headers.ts';
import { staticFiles } from './static-files.ts';

export type { AppDeps } from './routes/deps.ts';

/**
 * The HTTP application: secure headers → compression → request id and log line → JSON body →
 * session → CSRF → API routes → built dashboard → one error middleware. It does not listen, so
 * tests start it on port 0 and `vitrina serve` decides host and port.
 */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.set('query parser', 'simple');
  app.use(securityHeaders(deps.config.production));
  app.use(compression());
  app.use(requestContext(deps.logger));
  app.use(express.json({ limit: '100kb' }));
  app.use(loadSession(deps.handle.db));
  app.use(csrfProtection);
  app.use('/api', pressPeriods);

  const api = express.Router();
  const routeDeps = { ...deps, cache: createAggregateCache(deps.handle.db) };
  for (const routes of [
    registryRoutes, sessionRoutes, overviewRoutes, topicsRoutes, summaryRoutes, officePageRoutes, complianceRoutes,
    flagRoutes, thresholdRoutes, fileRoutes, uploadRoutes, exportRoutes, openapiRoutes,
  ]) routes(api, routeDeps);
  app.use(api);
  app.use('/api', notFound);
  if (deps.config.webDist) app.use(staticFiles(deps.config.webDist));
  app.use(notFound);
  app.use(errorMiddleware(deps.logger));
  return app;
}
