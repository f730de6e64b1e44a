import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../../src/clock.js';
import {
  BodyBudgetExhaustedError,
  BodyTooLargeError,
  isLoopback,
  readRawBody,
  SlowSenderError,
  type ReadBodyOptions,
} from '../../src/http/body.js';
import { sendJson, type HttpRoute } from '../../src/http/server.js';
import { acceptIngestBody, type AcceptOutcome } from '../../src/ingest/accept.js';
import type { IngestDeps } from '../../src/ingest/ingest.js';
import { BatchShapeError } from '../../src/ingest/schema.js';
import type { Logger } from '../../src/log.js';
import type { Metrics } from '../../src/telemetry.js';
import { checkSignatureHeaders, verifySignature } from './signature.js';

export const MAX_INGEST_BYTES = 1024 * 1024;
/** The answer to an unsigned request when no secret is set and unsigned requests were not allowed. */
export const UNSIGNED_REFUSED =
  'INGEST_SECRET is not set, and /ingest takes no unsigned request: set INGEST_SECRET and sign requests (X-Klaxon-Timestamp, ' +
  'X-Klaxon-Signature); ' +
  'for a trial on this machine only, set "ingest": {"allowUnsigned": true} in the config file';
const UTF8 = new TextDecoder('utf-8', { fatal: true });

export interface IngestRouteConfig {
  /** HMAC secret; every request must be signed with it. */
  secret: string | undefined;
  /**
   * Without a secret: whether unsigned requests from this machine (loopback) are taken — only on
   * an explicit opt-in (`ingest.allowUnsigned`, or the local sandbox). Otherwise every request is
   * refused: behind a reverse proxy on the same host, every request from the internet looks local.
   */
  allowUnsigned?: boolean;
  clock: Clock;
  ingest: IngestDeps;
  metrics: Metrics;
  logger: Logger;
  /** How bodies are read before their signature is checked: the shared budget, the time allowed. */
  bodies?: ReadBodyOptions;
}

function isJson(req: IncomingMessage): boolean {
  const type = req.headers['content-type'] ?? '';
  return /^application\/([a-z0-9.+-]*\+)?json\b/i.test(type);
}

async function handle(config: IngestRouteConfig, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const reject = (status: number, reason: string, body: Record<string, unknown>, headers: Record<string, string> = {}) => {
    config.metrics.rejected.inc({ reason });
    sendJson(res, status, body, headers);
  };
  if (!config.secret && !config.allowUnsigned) {
    return reject(401, 'unsigned', { error: UNSIGNED_REFUSED }, { connection: 'close' });
  }
  if (!config.secret && !isLoopback(req.socket.remoteAddress)) {
    return reject(
      401,
      'not_loopback',
      { error: 'unsigned requests are accepted from this machine only (ingest.allowUnsigned); set INGEST_SECRET and sign requests' },
      { connection: 'close' },
    );
  }
  if (!isJson(req)) return reject(415, 'content_type', { error: 'Content-Type must be application/json' });
  if (config.secret) {
    // Refused before a byte of the body is read: unsigned senders hold no memory here.
    const early = checkSignatureHeaders(req.headers, config.clock.now());
    if (!early.ok) return reject(401, 'signature', { error: early.reason }, { connection: 'close' });
  }
  let raw: Buffer;
  try {
    raw = await readRawBody(req, MAX_INGEST_BYTES, config.bodies);
  } catch (error) {
    if (error instanceof BodyTooLargeError)
      return reject(413, 'too_large', { error: `body must be at most ${MAX_INGEST_BYTES} bytes (1 MiB)` });
    if (error instanceof BodyBudgetExhaustedError)
      return reject(503, 'busy', { error: 'busy receiving other requests; retry shortly' }, { 'retry-after': '1', connection: 'close' });
    if (error instanceof SlowSenderError)
      return reject(408, 'slow_sender', { error: 'the request body arrived too slowly' }, { connection: 'close' });
    throw error;
  }
  if (config.secret) {
    const verdict = verifySignature(config.secret, req.headers, raw, config.clock.now());
    if (!verdict.ok) return reject(401, 'signature', { error: verdict.reason });
  }
  let text: string;
  try {
    // JSON is UTF-8 (RFC 8259): bytes that are not would otherwise be turned into U+FFFD quietly.
    text = UTF8.decode(raw);
  } catch {
    return reject(400, 'encoding', { errors: [{ index: null, path: '(body)', message: 'body is not valid UTF-8' }] });
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return reject(400, 'json', { errors: [{ index: null, path: '(body)', message: 'body is not valid JSON' }] });
  }
  let outcome: AcceptOutcome;
  try {
    outcome = await acceptIngestBody(config.ingest, body);
  } catch (error) {
    if (error instanceof BatchShapeError) {
      return reject(
        error.status,
        error.status === 413 ? 'too_many' : 'shape',
        error.status === 413 ? { error: error.message } : { errors: [{ index: null, path: '(body)', message: error.message }] },
      );
    }
    throw error;
  }
  let failed = 0;
  for (const item of outcome.stored) {
    const m = item.mention;
    if (item.outcome === 'failed') {
      failed += 1;
      // Logged without the mention's text (customer data); the client gets its index back.
      config.logger.error('a mention could not be stored; the rest of its batch was', {
        index: item.index,
        source: m.source,
        id: m.id,
        err: item.error,
      });
    } else if (item.outcome === 'duplicate') config.metrics.duplicates.inc({ source: m.source });
    else config.metrics.ingested.inc({ source: m.source, direction: m.direction });
  }
  if (outcome.errors.length > 0) {
    config.metrics.rejected.inc({ reason: 'invalid_mention' }, outcome.invalid);
    if (failed > 0) config.metrics.rejected.inc({ reason: 'store_failed' }, failed);
    return sendJson(res, 400, { errors: outcome.errors, accepted: outcome.accepted, duplicates: outcome.duplicates });
  }
  sendJson(res, 202, { accepted: outcome.accepted, duplicates: outcome.duplicates });
}

/** `POST /ingest` (docs/CONTRACT.md §4): signature, size and type checks, validation, then ingest. */
export function createIngestRoute(config: IngestRouteConfig): HttpRoute {
  return { method: 'POST', path: '/ingest', handler: (req, res) => handle(config, req, res) };
}
