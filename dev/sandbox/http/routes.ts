import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, readRawBody } from '../../../src/http/body.js';
import { sendJson, type HttpRoute } from '../../../src/http/server.js';
import type { Logger } from '../../../src/log.js';
import type { ResponseBody, ResponseUrls } from '../emulator/response-urls.js';
import type { PublicFeed } from '../network/feed.js';
import { klaxonSignatureValid } from '../network/klaxon-signature.js';
import { networkRefusal } from '../network/source-rules.js';
import { DEFAULT_USER, sandboxUser } from '../people.js';
import type { LocalSlackApi } from '../slack-api/server.js';
import { checkActionRequest, checkPageRequest, type GuardVerdict } from './guard.js';
import type { LiveUpdates } from './live.js';
import type { StaticFiles } from './static.js';
import { UI_ACTIONS, runUiAction, type UiAction } from './ui-actions.js';
import type { SlackEmulator } from '../emulator/emulator.js';
import type { Customers } from '../network/customers.js';
import type { PageState } from '../page-state.js';
import type { SandboxUser } from '../people.js';

export const SANDBOX_PATH = '/sandbox';
const MAX_BODY = 1024 * 1024;

export interface SandboxRouteDeps {
  api: LocalSlackApi;
  botToken: string;
  replySecret: string;
  emulator: SlackEmulator;
  customers: Customers;
  responses: ResponseUrls;
  feed: PublicFeed;
  live: LiveUpdates;
  files: StaticFiles;
  state: (me: SandboxUser) => PageState;
  now: () => Date;
  logger: Logger;
  /** The page's link for a delivered reply (`/sandbox#post-<id>`). */
  selfUrl: string;
}

async function readJson(req: IncomingMessage): Promise<{ raw: string; json: unknown } | null> {
  let raw: string;
  try {
    raw = (await readRawBody(req, MAX_BODY)).toString('utf8');
  } catch (error) {
    if (error instanceof BodyTooLargeError) return null;
    throw error;
  }
  try {
    return { raw, json: JSON.parse(raw || '{}') };
  } catch {
    return { raw, json: undefined };
  }
}

function refuse(res: ServerResponse, verdict: Exclude<GuardVerdict, { ok: true }>): void {
  sendJson(res, verdict.status, { ok: false, error: verdict.reason });
}

/**
 * Everything under `/sandbox`: the page and its files, its state and live updates, its actions,
 * and — for the app itself — the Slack Web API, `response_url`s and the reply webhooks.
 */
export function sandboxRoutes(deps: SandboxRouteDeps): HttpRoute[] {
  const handler = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://sandbox.local');
    const sub = url.pathname.slice(SANDBOX_PATH.length) || '/';
    const method = req.method ?? 'GET';

    // Called by the app itself: the Web API (authenticated by the bot token) and file uploads.
    if (sub.startsWith('/api/') || sub.startsWith('/upload/')) {
      if (sub.startsWith('/api/') && req.headers.authorization !== `Bearer ${deps.botToken}`) {
        req.resume();
        return sendJson(res, 200, { ok: false, error: 'invalid_auth' });
      }
      if (!(await deps.api.handle(req, res, sub))) sendJson(res, 404, { ok: false, error: 'unknown_method' });
      return;
    }
    const respond = /^\/respond\/([a-f0-9]{24})$/.exec(sub);
    if (respond?.[1] && method === 'POST') {
      const body = await readJson(req);
      if (!body || typeof body.json !== 'object' || body.json === null) return sendJson(res, 400, { ok: false, error: 'invalid_payload' });
      return sendJson(res, 200, deps.responses.post(respond[1], body.json as ResponseBody));
    }
    const outbound = /^\/outbound\/([a-z0-9_-]{1,32})$/.exec(sub);
    if (outbound?.[1] && method === 'POST') return receiveReply(deps, req, res, outbound[1]);

    // The page, for a browser on this machine.
    const page = checkPageRequest(req);
    if (!page.ok) return refuse(res, page);
    if (method === 'GET') {
      if (sub === '/' || sub === '/index.html') return deps.files.serve(res, 'index.html');
      const asset = /^\/assets\/([a-z0-9-]+\.[a-z]+)$/.exec(sub);
      if (asset?.[1]) return deps.files.serve(res, asset[1]);
      if (sub === '/state')
        return sendJson(res, 200, deps.state(sandboxUser(url.searchParams.get('user') ?? '') ?? DEFAULT_USER), {
          'cache-control': 'no-store',
        });
      if (sub === '/live') return deps.live.open(req, res);
      const file = /^\/files\/(F[A-Z0-9]+)$/.exec(sub);
      if (file?.[1]) return serveFile(deps, res, file[1]);
    }
    const action = /^\/ui\/([a-z-]+)$/.exec(sub)?.[1];
    if (action && (UI_ACTIONS as string[]).includes(action) && method === 'POST') {
      const verdict = checkActionRequest(req);
      if (!verdict.ok) return refuse(res, verdict);
      const body = await readJson(req);
      if (!body || body.json === undefined) return sendJson(res, 400, { ok: false, error: 'the body must be JSON (at most 1 MiB)' });
      const result = await runUiAction(action as UiAction, body.json, deps);
      return sendJson(res, result.status, result.body);
    }
    sendJson(res, 404, { ok: false, error: `no such sandbox endpoint: ${method} ${url.pathname}` });
  };
  return [{ method: '*', path: SANDBOX_PATH, prefix: true, handler }];
}

function serveFile(deps: SandboxRouteDeps, res: ServerResponse, id: string): void {
  const file = deps.api.workspace.files.get(id);
  if (!file?.bytes) return sendJson(res, 404, { ok: false, error: 'file_not_found' });
  const image = /\.png$/i.test(file.filename) ? 'image/png' : /\.jpe?g$/i.test(file.filename) ? 'image/jpeg' : null;
  const type = image ?? (/\.csv$/i.test(file.filename) ? 'text/csv; charset=utf-8' : 'application/octet-stream');
  // Anything but an image is downloaded, never shown in the page's own origin.
  const disposition = image ? {} : { 'content-disposition': `attachment; filename="${file.filename.replace(/[^\w.-]/g, '_')}"` };
  res.writeHead(200, { 'content-type': type, 'content-length': file.bytes.length, 'x-content-type-options': 'nosniff', ...disposition });
  res.end(file.bytes);
}

/**
 * The stand-in networks' side of Klaxon's reply webhooks: checks the signature, shows the reply
 * in the customer's view and answers with its id and link, as a real receiver would.
 */
async function receiveReply(deps: SandboxRouteDeps, req: IncomingMessage, res: ServerResponse, source: string): Promise<void> {
  const body = await readJson(req);
  if (!body) return sendJson(res, 413, { error: 'too large' });
  if (!klaxonSignatureValid(deps.replySecret, req.headers, body.raw, deps.now())) return sendJson(res, 401, { error: 'bad signature' });
  const reply = body.json as { mode?: string; text?: string; inReplyTo?: string; case?: string } | undefined;
  if (!reply || typeof reply.text !== 'string') return sendJson(res, 400, { error: 'text is required' });
  const refusal = networkRefusal(source, reply.mode === 'private' ? 'private' : 'public', reply.text);
  if (refusal) return sendJson(res, 400, { error: refusal });
  const idempotencyKey = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : null;
  const id = deps.feed.addReply(
    {
      source,
      mode: reply.mode === 'private' ? 'private' : 'public',
      text: reply.text,
      inReplyTo: reply.inReplyTo ?? null,
      caseRef: reply.case ?? null,
      idempotencyKey,
      brand: 'Support team',
    },
    deps.now(),
  );
  sendJson(res, 200, { id, url: `${deps.selfUrl}${SANDBOX_PATH}/#post-${id}` });
}
