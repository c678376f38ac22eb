import fs from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';

/**
 * The built dashboard: hashed files under assets/ are cached for a year (their names change with
 * their content); index.html is never cached, so a new build is picked up on the next load. Any
 * other non-API GET answers index.html, so deep links into the dashboard work.
 */
export function staticFiles(webDist: string): Router {
  const router = express.Router();
  const index = path.join(webDist, 'index.html');
  router.use(express.static(webDist, {
    index: false,
    setHeaders(res, file) {
      const rel = path.relative(webDist, file).split(path.sep);
      res.setHeader('Cache-Control', rel[0] === 'assets' ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  }));
  router.get('/{*path}', (req, res, next) => {
    if (req.path.startsWith('/api/') || !fs.existsSync(index)) {
      next();
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
