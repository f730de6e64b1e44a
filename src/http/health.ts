import type { Metrics } from '../telemetry.js';
import { sendJson, type HttpRoute } from './server.js';

/** What `/healthz` reports about the database. */
export interface DatabaseHealth {
  engine: 'sqlite';
  /** The newest migration the database recorded; null before any. */
  migration: string | null;
  /** Migrations this version has that the database lacks (0 once started: start applies them). */
  pending: number;
  /** True when a newer Klaxon migrated the database: this version may not know every column. */
  newerThanThisVersion: boolean;
}

export interface HealthProbe {
  /** True when the database answers a trivial query. */
  ping(): boolean;
  /** Its migration level; read only when it answers. */
  database(): DatabaseHealth;
}

/**
 * `/healthz`: 200 with the database's engine and migration level while it answers, 503 when it
 * does not (a load balancer takes the replica out). `/metrics`: Prometheus text.
 */
export function healthRoutes(probe: HealthProbe, metrics: Metrics): HttpRoute[] {
  return [
    {
      method: 'GET',
      path: '/healthz',
      handler: (_req, res) => {
        if (!probe.ping()) return sendJson(res, 503, { ok: false, error: 'database does not answer' });
        return sendJson(res, 200, { ok: true, database: probe.database() });
      },
    },
    {
      method: 'GET',
      path: '/metrics',
      handler: async (_req, res) => {
        const { contentType, body } = await metrics.render();
        res.writeHead(200, { 'content-type': contentType });
        res.end(body);
      },
    },
  ];
}
