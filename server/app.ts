import compression from 'compression';
import express, { type Express } from 'express';
import { csrfProtection, loadSession, sessionLookup } from './auth/session-middleware.ts';
import { createAggregateCache } from './cache/aggregate-cache.ts';
import { serverToday } from './http/clock.ts';
import { errorMiddleware, notFound } from './http/error-middleware.ts';
import { requestContext } from './http/request-context.ts';
import { categoryCorrectionRoutes } from './routes/category-corrections.ts';
import { complianceRoutes } from './routes/compliance.ts';
import { coverageRoutes } from './routes/coverage.ts';
import type { AppDeps } from './routes/deps.ts';
import { exportRoutes } from './routes/export.ts';
import { fileRoutes } from './routes/files.ts';
import { flagRoutes } from './routes/flags.ts';
import { digestRoutes } from './routes/digest.ts';
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
  // Unset, req.ip is the socket's address: X-Forwarded-For is believed only from a configured proxy.
  app.set('trust proxy', deps.config.trustProxy ?? false);
  app.set('query parser', 'simple');
  app.use(securityHeaders(deps.config.production));
  app.use(compression());
  app.use(requestContext(deps.logger));
  app.use(express.json({ limit: '100kb' }));
  const sessions = sessionLookup(deps.handle.db);
  app.use(loadSession(sessions));
  app.use(csrfProtection);

  const api = express.Router();
  const routeDeps = { ...deps, cache: createAggregateCache(deps.handle.db, {
    warmUnits: deps.config.warmUnits ?? false,
    onWarmError: (error) => deps.logger.warn({ err: error }, 'reading the rollup units into memory failed'),
  }), sessions, today: deps.config.today ?? serverToday };
  for (const routes of [
    registryRoutes, sessionRoutes, overviewRoutes, topicsRoutes, summaryRoutes, categoryCorrectionRoutes, officePageRoutes, complianceRoutes,
    flagRoutes, digestRoutes, thresholdRoutes, fileRoutes, coverageRoutes, uploadRoutes, exportRoutes, openapiRoutes,
  ]) routes(api, routeDeps);
  app.use(api);
  app.use('/api', notFound);
  if (deps.config.webDist) app.use(staticFiles(deps.config.webDist));
  app.use(notFound);
  app.use(errorMiddleware(deps.logger));
  return app;
}
