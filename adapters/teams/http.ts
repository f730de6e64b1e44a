import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import { BodyBudgetExhaustedError, BodyTooLargeError, readRawBody, SlowSenderError, type ReadBodyOptions } from '../../src/http/body.js';
import { sendJson, type HttpRoute } from '../../src/http/server.js';

/** Activities from Teams are small (a message is capped near 100 KB); more than this is not Teams. */
const MAX_ACTIVITY_BYTES = 256 * 1024;

/**
 * The response object CloudAdapter writes to (the Express/Restify shape), over Node's own. A
 * failure before the bot ran is an authentication failure (a bad or unverifiable token): it
 * becomes a plain 401, never an echo of the SDK's internal error text.
 */
function responseShim(res: ServerResponse, reachedBot: () => boolean, refusal: () => string | null) {
  let status = 200;
  let body: unknown;
  return {
    socket: res.socket,
    status(code: number) {
      status = code;
    },
    header(name: string, value: unknown) {
      res.setHeader(name, String(value));
    },
    send(value: unknown) {
      body = value;
    },
    end() {
      if (res.headersSent) return;
      // Authenticated, but from an organisation this bot does not serve (see `admit`).
      const refused = refusal();
      if (refused) {
        sendJson(res, 403, { error: refused });
        return;
      }
      // A refused token (401) or a failure before the bot ran (an unverifiable token) answers the
      // same plain 401: the SDK's own message says which check failed, which helps only an attacker.
      if (status === 401 || (status >= 500 && !reachedBot())) {
        sendJson(res, 401, { error: 'the request is not authenticated for this bot' });
        return;
      }
      if (status >= 500) {
        sendJson(res, 500, { error: 'the activity could not be processed' });
        return;
      }
      if (body === undefined || body === null) {
        res.writeHead(status).end();
      } else if (typeof body === 'string') {
        res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(body);
      } else {
        sendJson(res, status, body);
      }
    },
  };
}

/**
 * `POST /api/messages`: the token is verified first, then the JSON activity is read and parsed
 * here (CloudAdapter expects a parsed body, as Express would give it), then CloudAdapter
 * authenticates it again with the activity's service URL and runs the bot. For an invoke
 * (a card action) the HTTP answer carries the refreshed card.
 */
export function messagesRoute(
  adapter: CloudAdapter,
  run: (context: TurnContext) => Promise<void>,
  options: {
    authenticated: boolean;
    verifyToken?: (authorization: string) => Promise<boolean>;
    bodies?: ReadBodyOptions;
    /** After authentication: why this activity is refused (403), or null to run the bot on it. */
    admit?: (activity: TurnContext['activity']) => string | null;
  } = { authenticated: false },
): HttpRoute {
  return {
    method: 'POST',
    path: '/api/messages',
    purpose: 'Microsoft Teams (Bot Framework activities)',
    async handler(req: IncomingMessage, res: ServerResponse) {
      // With authentication on, a request without a Bot Framework token is refused before its
      // body is read (CloudAdapter would refuse it only after).
      if (options.authenticated && !/^Bearer \S+$/.test(req.headers.authorization ?? '')) {
        sendJson(res, 401, { error: 'the request is not authenticated for this bot' }, { connection: 'close' });
        return;
      }
      // The token is in the header: verified before a byte of the body is read or parsed, so an
      // unauthenticated sender costs no body budget and no JSON parse.
      if (options.authenticated && options.verifyToken && !(await options.verifyToken(req.headers.authorization ?? ''))) {
        sendJson(res, 401, { error: 'the request is not authenticated for this bot' }, { connection: 'close' });
        return;
      }
      let body: Record<string, unknown>;
      try {
        const raw = await readRawBody(req, MAX_ACTIVITY_BYTES, options.bodies);
        const parsed: unknown = JSON.parse(raw.toString('utf8'));
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new SyntaxError('not an object');
        body = parsed as Record<string, unknown>;
        // The SDK throws (a 500) on an activity without a type; refuse it here as bad input.
        if (typeof body.type !== 'string' || body.type.length === 0 || body.type.length > 64)
          throw new SyntaxError('activity without a type');
      } catch (error) {
        if (error instanceof BodyTooLargeError) sendJson(res, 413, { error: error.message });
        else if (error instanceof BodyBudgetExhaustedError)
          sendJson(res, 503, { error: 'busy receiving other requests; retry shortly' }, { 'retry-after': '1', connection: 'close' });
        else if (error instanceof SlowSenderError)
          sendJson(res, 408, { error: 'the request body arrived too slowly' }, { connection: 'close' });
        else if (!(error instanceof SyntaxError)) throw error;
        else sendJson(res, 400, { error: 'the body must be a JSON Bot Framework activity' });
        return;
      }
      let reached = false;
      let refused: string | null = null;
      const shim = responseShim(
        res,
        () => reached,
        () => refused,
      );
      try {
        await adapter.process({ method: req.method, headers: req.headers, body }, shim, async (context) => {
          reached = true;
          refused = options.admit?.(context.activity) ?? null;
          if (!refused) await run(context);
        });
      } catch {
        shim.status(500);
        shim.end();
      }
    },
  };
}
