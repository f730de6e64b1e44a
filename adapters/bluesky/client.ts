import { AtpAgent, type Agent } from '@atproto/api';
import type { Metrics } from '../../src/telemetry.js';
import { sourceGauges } from '../source-kit/rate-gauges.js';

/** Bluesky's chat service, reached through the PDS with the atproto-proxy header. */
export const CHAT_SERVICE_DID = 'did:web:api.bsky.chat';

export interface BlueskyClients {
  /** The brand's session on its PDS: login, notifications, posts. */
  agent: AtpAgent;
  /** The same session, each call proxied to the chat service (chat.bsky.convo.*). */
  chat: Agent;
}

/** Longest wait for one answer from Bluesky. */
const REQUEST_TIMEOUT_MS = 30_000;

/** The XRPC method a request calls (`/xrpc/app.bsky.feed.getPosts` → `app.bsky.feed.getPosts`). */
export function nsidOf(url: string): string {
  const match = /\/xrpc\/([A-Za-z0-9.-]+)/.exec(url);
  return match?.[1] ?? 'other';
}

/**
 * A fetch that counts every call (klaxon_source_api_calls_total{source="bluesky", op=<method>})
 * and records the rate-limit headers Bluesky sends on every answer (`ratelimit-limit`,
 * `-remaining`, `-reset`) as gauges, so /metrics shows how close each limit is. It never
 * looks at the request's headers (the session token travels there).
 */
export function instrumentedFetch(
  base: typeof globalThis.fetch,
  metrics: Metrics,
  timeoutMs = REQUEST_TIMEOUT_MS,
): typeof globalThis.fetch {
  const gauges = sourceGauges(metrics);
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const op = nsidOf(url);
    metrics.sourceCalls.inc({ source: 'bluesky', op });
    // A request that never answers must not hold a listener (or a reply) for ever.
    const own = init?.signal ?? (input instanceof Request ? input.signal : null);
    const timeout = AbortSignal.timeout(timeoutMs);
    const res = await base(input, { ...init, signal: own ? AbortSignal.any([own, timeout]) : timeout });
    const limit = Number(res.headers.get('ratelimit-limit'));
    const remaining = Number(res.headers.get('ratelimit-remaining'));
    const reset = Number(res.headers.get('ratelimit-reset'));
    if (res.headers.has('ratelimit-remaining') && Number.isFinite(remaining)) {
      gauges.rateRemaining.set({ source: 'bluesky', limit: op }, remaining);
      if (Number.isFinite(limit)) gauges.rateLimit.set({ source: 'bluesky', limit: op }, limit);
      if (Number.isFinite(reset)) gauges.rateReset.set({ source: 'bluesky', limit: op }, reset);
    }
    return res;
  };
}

export function createBlueskyClients(options: { serviceUrl: string; metrics: Metrics; fetch?: typeof globalThis.fetch }): BlueskyClients {
  const fetch = instrumentedFetch(options.fetch ?? globalThis.fetch, options.metrics);
  const agent = new AtpAgent({ service: options.serviceUrl, fetch });
  const chat = agent.withProxy('bsky_chat', CHAT_SERVICE_DID);
  return { agent, chat };
}
