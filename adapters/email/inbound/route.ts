import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../../../src/clock.js';
import { sendJson, type HttpRoute } from '../../../src/http/server.js';
import type { Logger } from '../../../src/log.js';
import { NotStoredError } from '../../source-kit/stored.js';
import type { ParsedEmail } from '../parsed.js';
import { InboundFormatError, MAX_INBOUND_BYTES } from './limits.js';
import { readPostmark } from './postmark.js';
import { readSendGrid } from './sendgrid.js';

export const INBOUND_PATH = '/ingest/email';

export interface InboundRouteDeps {
  secret: string;
  clock: Clock;
  logger: Logger;
  /** Whether the source has started (before that, deliveries are answered 503 and retried by the provider). */
  ready(): boolean;
  /** Stores one received message. */
  accept(parsed: ParsedEmail, via: 'postmark' | 'sendgrid'): Promise<'accepted' | 'duplicate' | 'invalid'>;
  /** Counts a rejected delivery (for /metrics). */
  rejected(reason: string): void;
  limitBytes?: number;
}

/** Secrets compared in constant time (both hashed first, so their lengths leak nothing either). */
function sameSecret(given: string, secret: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(secret).digest();
  return timingSafeEqual(a, b);
}

function basicPassword(header: string | undefined): string | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 ? decoded.slice(colon + 1) : null;
}

/**
 * The secret, as each provider can send it: Postmark puts credentials in the webhook URL
 * (`https://klaxon:<secret>@host/ingest/email`, sent as HTTP basic auth); SendGrid's Inbound
 * Parse has no auth setting, so its URL carries the secret as a path segment
 * (`https://host/ingest/email/<secret>`). Either is enough; the body is not read before.
 */
function authorized(req: IncomingMessage, secret: string): boolean {
  const path = (req.url ?? '').split('?')[0] ?? '';
  let segment: string | null = null;
  try {
    segment = path.length > INBOUND_PATH.length + 1 ? decodeURIComponent(path.slice(INBOUND_PATH.length + 1)) : null;
  } catch {
    segment = null;
  }
  if (segment !== null && sameSecret(segment, secret)) return true;
  const password = basicPassword(req.headers.authorization);
  return password !== null && sameSecret(password, secret);
}

/**
 * Answers before the body was read: the connection is closed after the answer, and whatever the
 * client still sends is read and dropped only up to a small amount (an answer the client can
 * see, without reading 30 MB for an unauthenticated caller).
 */
function refuseUnread(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, body, { connection: 'close', ...headers });
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > 1024 * 1024) req.destroy();
  });
  req.on('error', () => undefined);
  req.resume();
}

function kindOf(req: IncomingMessage): 'json' | 'multipart' | null {
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (/^application\/([a-z0-9.+-]*\+)?json\b/.test(type)) return 'json';
  if (/^multipart\/form-data\b/.test(type)) return 'multipart';
  return null;
}

async function handle(d: InboundRouteDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const limit = d.limitBytes ?? MAX_INBOUND_BYTES;
  if (!authorized(req, d.secret)) {
    d.rejected('auth');
    return refuseUnread(
      req,
      res,
      401,
      {
        error:
          'missing or wrong credentials: use the EMAIL_INBOUND_SECRET as the basic-auth password or as the path /ingest/email/<secret>',
      },
      { 'www-authenticate': 'Basic realm="klaxon-email"' },
    );
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    d.rejected('too_large');
    return refuseUnread(req, res, 413, { error: `the delivery is larger than ${Math.round(limit / 1024 / 1024)} MB` });
  }
  const kind = kindOf(req);
  if (!kind) {
    d.rejected('content_type');
    return refuseUnread(req, res, 415, {
      error: 'Content-Type must be application/json (Postmark inbound webhook) or multipart/form-data (SendGrid Inbound Parse)',
    });
  }
  if (!d.ready()) {
    return refuseUnread(req, res, 503, { error: 'the e-mail source is starting; retry shortly' }, { 'retry-after': '5' });
  }
  const receivedAt = d.clock.now();
  let parsed: ParsedEmail;
  try {
    parsed = kind === 'json' ? await readPostmark(req, limit, receivedAt) : await readSendGrid(req, req.headers, limit, receivedAt);
  } catch (error) {
    if (error instanceof InboundFormatError) {
      d.rejected(error.status === 413 ? 'too_large' : 'format');
      return refuseUnread(req, res, error.status, { error: error.message });
    }
    throw error;
  }
  const via = kind === 'json' ? 'postmark' : 'sendgrid';
  let outcome: Awaited<ReturnType<InboundRouteDeps['accept']>>;
  try {
    outcome = await d.accept(parsed, via);
  } catch (error) {
    if (!(error instanceof NotStoredError)) throw error;
    // Postmark and SendGrid deliver again after a 5xx: the message is not lost, only late.
    d.logger.warn('an inbound e-mail could not be stored; the provider is asked to deliver it again', { via, err: error.message });
    return sendJson(res, 503, { error: 'the message could not be stored now; deliver it again later' }, { 'retry-after': '60' });
  }
  if (outcome === 'invalid') return sendJson(res, 400, { error: 'the message cannot be stored as a mention (see the Klaxon log)' });
  sendJson(res, 200, { accepted: outcome === 'accepted' ? 1 : 0, duplicates: outcome === 'duplicate' ? 1 : 0 });
}

/** `POST /ingest/email` and `POST /ingest/email/<secret>`: inbound mail from Postmark or SendGrid. */
export function createInboundRoute(d: InboundRouteDeps): HttpRoute {
  return {
    method: 'POST',
    path: INBOUND_PATH,
    prefix: true,
    purpose: 'inbound mail from Postmark or SendGrid Inbound Parse (basic auth or a secret path segment)',
    handler: (req, res) => handle(d, req, res),
  };
}
