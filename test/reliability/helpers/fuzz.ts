import { count } from 'drizzle-orm';
import { expect } from 'vitest';
import { caseEvents, cases, mentions, outbox } from '../../../db/schema/index.js';
import type { Harness } from '../../helpers/harness.js';

/**
 * Slack Web API methods that change what a channel shows. Answers only the requester sees (an
 * ephemeral, a modal, their App Home) are not counted: a signed, well-formed request may get one.
 */
const PUBLIC_METHODS = ['chat.postMessage', 'chat.update', 'chat.delete', 'reactions.add'];

export interface Footprint {
  mentions: number;
  cases: number;
  events: number;
  outbox: number;
  slackCalls: number;
}

/** What the app has stored and said so far: hostile input must leave it unchanged. */
export function footprint(h: Harness): Footprint {
  const db = h.klaxon.db.db;
  const n = (table: typeof mentions | typeof cases | typeof caseEvents | typeof outbox) =>
    db.select({ n: count() }).from(table).get()?.n ?? 0;
  return {
    mentions: n(mentions),
    cases: n(cases),
    events: n(caseEvents),
    outbox: n(outbox),
    slackCalls: PUBLIC_METHODS.reduce((sum, m) => sum + h.workspace.callsTo(m).length, 0),
  };
}

export interface RawResponse {
  status: number;
  text: string;
}

/**
 * Sends exactly these bytes and headers (fetch adds content-length). A request the server
 * never answers fails the test instead of hanging it.
 */
export async function rawRequest(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Uint8Array },
): Promise<RawResponse> {
  const res = await fetch(url, {
    method: init.method ?? 'POST',
    headers: init.headers,
    body: init.body,
    signal: AbortSignal.timeout(8_000),
  });
  return { status: res.status, text: await res.text() };
}

/** The server still answers, and nothing was stored or sent since `before`. */
export async function expectUnharmed(h: Harness, before: Footprint): Promise<void> {
  const health = await fetch(`${h.url}/healthz`, { signal: AbortSignal.timeout(5_000) });
  expect(health.status).toBe(200);
  expect(footprint(h)).toEqual(before);
}

/** A 4xx (never a 5xx, never a 2xx that stored something). */
export function expectClientError(res: RawResponse, context: string): void {
  expect(res.status, `${context} → ${res.status} ${res.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
  expect(res.status, `${context} → ${res.status} ${res.text.slice(0, 200)}`).toBeLessThan(500);
}

/** `[[[…]]]` or `{"a":{"a":…}}` nested `depth` levels, built as text (no recursion anywhere). */
export function deeplyNested(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}null${'}'.repeat(depth)}`;
}
