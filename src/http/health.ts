import type { Metrics } from '../telemetry.js';
import { sendJson, type HttpRoute } from './server.js';

export function healthRoutes(ping: () => boolean, metrics: Metrics): HttpRoute[] {
  return [
    {
      method: 'GET',
      path: '/healthz',
      handler: (_req, res) => (ping() ? sendJson(res, 200, { ok: true }) : sendJson(res, 503, { ok: false, error: 'database does not answer' })),
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
