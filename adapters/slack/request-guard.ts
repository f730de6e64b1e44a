import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { Clock } from '../../src/clock.js';
import { BodyBudgetExhaustedError, BodyTooLargeError, readRawBody, SlowSenderError, type ReadBodyOptions } from '../../src/http/body.js';
import { sendJson } from '../../src/http/server.js';

/** Slack's payloads (events, interactions, slash commands) are a few KB; none comes near 1 MiB. */
export const MAX_SLACK_BODY = 1024 * 1024;
/** Slack signs with a timestamp; more than 5 minutes either way is a replay or a wrong clock. */
const MAX_SKEW_SECONDS = 300;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** Fields Bolt and the listeners read without checking: when present they must have this type. */
const OBJECT_FIELDS = ['user', 'team', 'channel', 'container', 'message', 'view', 'enterprise'];
const STRING_EVENT_FIELDS = ['type', 'user', 'channel', 'text', 'ts', 'thread_ts', 'tab', 'channel_type', 'subtype', 'bot_id'];

/** What is wrong with a verified payload's shape, or null. */
export function shapeProblem(body: unknown, isCommand: boolean): string | null {
  if (!isObj(body)) return 'payload is not an object';
  if (isCommand)
    return str(body.command) && str(body.user_id) && str(body.channel_id) ? null : 'slash command without command, user_id or channel_id';
  // Slack itself sends `"enterprise": null` outside Enterprise Grid.
  for (const f of OBJECT_FIELDS)
    if (f in body && !isObj(body[f]) && !(f === 'enterprise' && body[f] === null)) return `${f} is not an object`;
  if (isObj(body.event))
    for (const f of STRING_EVENT_FIELDS) if (f in body.event && typeof body.event[f] !== 'string') return `event.${f} is not a string`;
  switch (body.type) {
    case 'url_verification':
      return null;
    case 'event_callback':
      return isObj(body.event) && str(body.event.type) ? null : 'event_callback without an event';
    case 'block_actions':
      return isObj(body.user) &&
        str(body.user.id) &&
        Array.isArray(body.actions) &&
        body.actions.length > 0 &&
        body.actions.every((a) => isObj(a) && str(a.action_id))
        ? null
        : 'block_actions without a user or actions';
    case 'view_submission':
    case 'view_closed':
      return isObj(body.user) && str(body.user.id) && isObj(body.view) && str(body.view.callback_id)
        ? null
        : `${body.type} without a user or view`;
    case 'shortcut':
    case 'message_action':
      return isObj(body.user) && str(body.user.id) && str(body.callback_id) ? null : `${body.type} without a user or callback_id`;
    default:
      return `unknown payload type ${JSON.stringify(body.type)}`;
  }
}

/**
 * Runs before Bolt on `/slack/events`. Before reading a byte of the body it refuses requests
 * whose signature headers are missing, malformed or stale (±5 minutes on our injected clock —
 * Bolt alone accepts any future timestamp) and bodies declared over 1 MiB; the body is then read
 * within `bodyTimeoutMs` and within the shared budget for unverified bodies (a 503 when it is
 * spent), so unauthenticated senders cannot pin memory. It verifies the signature, then parses
 * and shape-checks the payload, so a signed but malformed request gets a 400 instead of an
 * unhandled rejection or a 500 inside Bolt. Answers itself and returns false, or leaves the
 * buffered body on the request (`rawBody`, which Bolt reuses) and returns true.
 */
export async function guardSlackRequest(
  req: IncomingMessage,
  res: ServerResponse,
  signingSecret: string,
  clock: Clock,
  read: ReadBodyOptions = {},
): Promise<boolean> {
  const refuse = (status: number, error: string, headers: Record<string, string> = {}) => {
    // The connection is not reused: a refused sender's unread bytes are not waited for.
    sendJson(res, status, { error }, { connection: 'close', ...headers });
    return false;
  };
  const ts = req.headers['x-slack-request-timestamp'];
  const sig = req.headers['x-slack-signature'];
  if (typeof ts !== 'string' || typeof sig !== 'string' || !/^\d{1,12}$/.test(ts) || !/^v0=[0-9a-f]{64}$/.test(sig))
    return refuse(401, 'missing or malformed Slack signature headers');
  if (Math.abs(clock.now().getTime() / 1000 - Number(ts)) > MAX_SKEW_SECONDS)
    return refuse(401, 'Slack request timestamp is more than 5 minutes from now');
  let raw: Buffer;
  try {
    raw = await readRawBody(req, MAX_SLACK_BODY, read);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return refuse(413, 'body too large (Slack requests are at most 1 MiB)');
    if (error instanceof BodyBudgetExhaustedError)
      return refuse(503, 'busy receiving other requests; retry shortly', { 'retry-after': '1' });
    if (error instanceof SlowSenderError) return refuse(408, 'the request body arrived too slowly');
    throw error;
  }
  const text = raw.toString('utf8');
  const expected = Buffer.from(`v0=${createHmac('sha256', signingSecret).update(`v0:${ts}:${text}`).digest('hex')}`);
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return refuse(401, 'Slack signature does not match');
  // Nothing of the body is parsed before its signature matches.
  const form = (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
  const query = form ? parseQuery(text) : null;
  // Slack's SSL check (signed like everything else) carries nothing to act on: answer it here.
  if (query?.ssl_check === '1') {
    res.writeHead(200).end();
    return false;
  }
  let body: unknown;
  try {
    body = query ? (typeof query.payload === 'string' ? JSON.parse(query.payload) : query) : JSON.parse(text);
  } catch {
    return refuse(400, 'body is not a Slack payload');
  }
  const problem = shapeProblem(body, query !== null && typeof query.payload !== 'string');
  if (problem) return refuse(400, problem);
  (req as IncomingMessage & { rawBody?: Buffer }).rawBody = raw;
  return true;
}
