import type { IncomingMessage } from 'node:http';
import { sendJson, type HttpRoute } from './server.js';

/** What each of the core's endpoints is for, in the words of the README's endpoint table. */
const PURPOSE: Record<string, string> = {
  '/sandbox': 'the local sandbox: a Slack-like workspace with Klaxon in it (this machine only)',
  '/ingest': 'one mention or {"mentions": [...]} in the ingest format (signed with INGEST_SECRET)',
  '/healthz': '200 {"ok":true} when the database answers',
  '/metrics': 'Prometheus metrics',
};

export const SANDBOX_ROUTE_PATH = '/sandbox';

function wantsJson(req: IncomingMessage): boolean {
  const accept = req.headers.accept ?? '';
  return /application\/json/i.test(accept) && !/text\/html/i.test(accept);
}

/**
 * `GET /`: someone who opens the server's address should land somewhere useful. With the sandbox
 * on, that is the sandbox; otherwise a short list of the endpoints this server carries (JSON when
 * asked for it, plain text for a browser or curl).
 */
export function rootRoute(routes: readonly HttpRoute[]): HttpRoute {
  const sandbox = routes.some((r) => r.path === SANDBOX_ROUTE_PATH);
  const endpoints = routes
    .filter((r) => r.path !== '/')
    .map((r) => ({ method: r.method === '*' ? 'GET' : r.method, path: r.path, purpose: r.purpose ?? PURPOSE[r.path] ?? '' }))
    .filter((e, i, all) => all.findIndex((o) => o.path === e.path) === i);
  return {
    method: 'GET',
    path: '/',
    handler: (req, res) => {
      if (sandbox) {
        const body = `Klaxon: the sandbox is at ${SANDBOX_ROUTE_PATH}\n`;
        res.writeHead(302, {
          location: SANDBOX_ROUTE_PATH,
          'content-type': 'text/plain; charset=utf-8',
          'content-length': Buffer.byteLength(body),
        });
        res.end(body);
        return;
      }
      if (wantsJson(req)) {
        sendJson(res, 200, { name: 'Klaxon', endpoints });
        return;
      }
      const lines = [
        'Klaxon is running. Endpoints:',
        ...endpoints.map((e) => `  ${e.method.padEnd(4)} ${e.path.padEnd(14)} ${e.purpose}`.trimEnd()),
        '',
      ];
      const body = lines.join('\n');
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    },
  };
}
