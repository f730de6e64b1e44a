import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../log.js';
import { ClientGoneError } from './body.js';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** A route an adapter contributes to the one HTTP server on PORT. `prefix` matches sub-paths too. */
export interface HttpRoute {
  method: 'GET' | 'POST' | '*';
  path: string;
  prefix?: boolean;
  handler: RouteHandler;
  /** What the endpoint is for, as `GET /` lists it (an adapter's route says so itself). */
  purpose?: string;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

/** An aborted request (the client hung up mid-body, or reset the connection). */
function clientWentAway(error: unknown, req: IncomingMessage): boolean {
  if (error instanceof ClientGoneError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return (
    req.destroyed &&
    (code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'ECONNABORTED' || (error as Error)?.message === 'aborted')
  );
}

/** One server carries every endpoint; each adapter adds its routes. Unknown paths get a JSON 404. */
export function createHttpServer(routes: readonly HttpRoute[], logger: Logger): Server {
  // Node enforces the header and request limits only when it checks its connections: every
  // second, not the default 30, so a socket that never finishes its headers goes within ~1 s of
  // its limit.
  const server = createServer({ connectionsCheckingInterval: 1000 }, (req, res) => {
    const path = pathOf(req);
    const route = routes.find((r) => (r.prefix ? path === r.path || path.startsWith(`${r.path}/`) : path === r.path));
    if (!route) {
      sendJson(res, 404, { error: `no such endpoint: ${req.method} ${path}` });
      return;
    }
    if (route.method !== '*' && req.method !== route.method) {
      sendJson(res, 405, { error: `${path} accepts ${route.method} only` }, { allow: route.method });
      return;
    }
    Promise.resolve()
      .then(() => route.handler(req, res))
      .catch((error: unknown) => {
        if (clientWentAway(error, req)) {
          // Nobody is left to answer, and nothing failed on our side: not an error.
          logger.debug('client closed the connection before its request was handled', { path, method: req.method });
          return;
        }
        logger.error('request failed', { path, err: error });
        sendJson(res, 500, { error: 'internal error' });
      });
  });
  // Slow or stuck clients must not hold sockets forever: headers within 10 s, the whole request
  // within 30 s (bodies read before verification have tighter limits, src/http/body.ts).
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  server.keepAliveTimeout = 5_000;
  return server;
}
