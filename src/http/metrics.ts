import type { Express } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Metrics } from '../metrics/metrics.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * `GET /metrics` in Prometheus text format. With METRICS_TOKEN set, only a scraper sending
 * `Authorization: Bearer <METRICS_TOKEN>` reads it (else 401), compared in constant time.
 */
export function mountMetrics(app: Express, metrics: Metrics, token: string | undefined): void {
  const expected = token ? digest(`Bearer ${token}`) : null;
  app.get('/metrics', async (req, res) => {
    if (expected && !timingSafeEqual(digest(req.headers.authorization ?? ''), expected)) {
      res.status(401).set('www-authenticate', 'Bearer realm="metrics"').json({ error: 'a bearer token (METRICS_TOKEN) is required' });
      return;
    }
    res.set('content-type', metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}
