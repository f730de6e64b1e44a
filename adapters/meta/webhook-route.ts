import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyBudgetExhaustedError, BodyTooLargeError, readRawBody, SlowSenderError, type ReadBodyOptions } from '../../src/http/body.js';
import { sendJson, type HttpRoute } from '../../src/http/server.js';
import type { Logger } from '../../src/log.js';
import type { WebhookInbox } from '../source-kit/inbox.js';
import { verifyMetaSignature, wellFormedSignature } from './signature.js';

export const META_WEBHOOK_PATH = '/webhooks/meta';

/** What Meta subscribes to: Page events (`page`) and Instagram account events (`instagram`). */
export const META_TOPICS = ['page', 'instagram'] as const;
export type MetaTopic = (typeof META_TOPICS)[number];

export type WebhookOutcome =
  | 'stored'
  | 'duplicate'
  | 'ignored'
  | 'bad_signature'
  | 'no_signature'
  | 'too_large'
  | 'busy'
  | 'slow_sender'
  | 'bad_body'
  | 'handshake_ok'
  | 'handshake_refused';

export interface MetaWebhookDeps {
  appSecret: string;
  verifyToken: string;
  maxBodyBytes: number;
  /** The app's shared budget for bodies not yet verified, and the time a sender has to send one. */
  bodies?: ReadBodyOptions;
  inbox: WebhookInbox;
  logger: Logger;
  /** Counted per outcome in /metrics. */
  counted(outcome: WebhookOutcome): void;
  /** A delivery of `topic` was stored: wake its processor. */
  stored(topic: MetaTopic): void;
}

/** Meta's challenge is a number; anything else is not echoed (the answer is ours to write). */
const CHALLENGE = /^[A-Za-z0-9._-]{1,256}$/;

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent) return;
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

function handshake(deps: MetaWebhookDeps, req: IncomingMessage, res: ServerResponse): void {
  const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
  const mode = query.get('hub.mode');
  const token = query.get('hub.verify_token') ?? '';
  const challenge = query.get('hub.challenge') ?? '';
  if (mode === 'subscribe' && sameSecret(token, deps.verifyToken) && CHALLENGE.test(challenge)) {
    deps.counted('handshake_ok');
    deps.logger.info('Meta webhook subscription verified');
    sendText(res, 200, challenge);
    return;
  }
  deps.counted('handshake_refused');
  deps.logger.warn(
    'Meta webhook handshake refused: wrong hub.verify_token, hub.mode or hub.challenge (check META_VERIFY_TOKEN against the Meta ' +
      "app's webhook settings)",
    { mode: mode?.slice(0, 20) ?? null },
  );
  sendText(res, 403, 'forbidden');
}

/** The topic of a verified body: Meta's `object`, or null when the body is not a Meta delivery. */
function topicOf(raw: Buffer): MetaTopic | 'unknown' | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || !Object.hasOwn(parsed, 'object')) return null;
  const object = (parsed as { object?: unknown }).object;
  if (typeof object !== 'string') return null;
  return (META_TOPICS as readonly string[]).includes(object) ? (object as MetaTopic) : 'unknown';
}

async function delivery(deps: MetaWebhookDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const header = req.headers['x-hub-signature-256'];
  const signature = Array.isArray(header) ? undefined : header;
  // Nothing is read from an unsigned request: no body, no JSON.
  if (!wellFormedSignature(signature)) {
    req.resume();
    deps.counted('no_signature');
    sendJson(res, 401, { error: 'missing or malformed X-Hub-Signature-256' });
    return;
  }
  let raw: Buffer;
  try {
    raw = await readRawBody(req, deps.maxBodyBytes, deps.bodies);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      deps.counted('too_large');
      sendJson(res, 413, { error: `body larger than ${deps.maxBodyBytes} bytes` }, { connection: 'close' });
      return;
    }
    // Meta retries a delivery that got no 200, so a busy or slow moment loses nothing.
    if (error instanceof BodyBudgetExhaustedError) {
      deps.counted('busy');
      sendJson(res, 503, { error: 'busy receiving other requests; retry shortly' }, { 'retry-after': '1', connection: 'close' });
      return;
    }
    if (error instanceof SlowSenderError) {
      deps.counted('slow_sender');
      sendJson(res, 408, { error: 'the request body arrived too slowly' }, { connection: 'close' });
      return;
    }
    throw error;
  }
  if (!verifyMetaSignature(deps.appSecret, raw, signature)) {
    deps.counted('bad_signature');
    deps.logger.warn('Meta webhook refused: X-Hub-Signature-256 does not match the body (check META_APP_SECRET)', { bytes: raw.length });
    sendJson(res, 401, { error: 'signature does not match' });
    return;
  }
  const topic = topicOf(raw);
  if (topic === null) {
    deps.counted('bad_body');
    sendJson(res, 400, { error: 'not a Meta webhook delivery (a JSON object with "object")' });
    return;
  }
  if (topic === 'unknown') {
    // Signed by Meta but about something Klaxon does not listen to (e.g. `user`, `permissions`).
    deps.counted('ignored');
    sendJson(res, 200, { ok: true });
    return;
  }
  // Stored (committed) before Meta hears 200: a crash after this line loses nothing, and a crash
  // before it makes Meta retry.
  const outcome = await deps.inbox.store(topic, raw);
  deps.counted(outcome);
  sendJson(res, 200, { ok: true });
  deps.stored(topic);
}

/**
 * GET/POST /webhooks/meta. GET answers Meta's subscription handshake; POST takes a delivery:
 * the signature is checked before anything else, the verified bytes are stored durably, Meta gets
 * its 200, and the processors handle the delivery afterwards. Stores whether or not this
 * replica's listeners run, so any replica can answer Meta.
 */
export function createMetaWebhookRoute(deps: MetaWebhookDeps): HttpRoute {
  return {
    method: '*',
    path: META_WEBHOOK_PATH,
    purpose: "Meta's subscription handshake (GET) and Facebook and Instagram deliveries (POST, signature checked first)",
    async handler(req, res) {
      if (req.method === 'GET') return handshake(deps, req, res);
      if (req.method === 'POST') return delivery(deps, req, res);
      req.resume();
      sendJson(res, 405, { error: `${META_WEBHOOK_PATH} accepts GET (handshake) and POST (deliveries)` }, { allow: 'GET, POST' });
    },
  };
}
