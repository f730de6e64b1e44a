import { createRestAPIClient, MastoHttpError, type mastodon } from 'masto';
import type { Metrics } from '../../src/telemetry.js';
import { sourceGauges } from '../source-kit/rate-gauges.js';
import { SOURCE } from './map-status.js';

export type MastodonRest = mastodon.rest.Client;

export function createMastodonRest(options: { url: string; accessToken: string; timeoutMs?: number }): MastodonRest {
  // masto logs to the console itself: only its errors, which never carry the token.
  return createRestAPIClient({ url: options.url, accessToken: options.accessToken, timeout: options.timeoutMs ?? 30_000, log: 'error' });
}

/** Mastodon's limit headers on an answer, as gauges (300 requests per 5 minutes by default). */
export function recordRateLimit(metrics: Metrics, op: string, headers: Headers | undefined): void {
  if (!headers) return;
  const gauges = sourceGauges(metrics);
  const remaining = Number(headers.get('x-ratelimit-remaining'));
  if (!headers.has('x-ratelimit-remaining') || !Number.isFinite(remaining)) return;
  gauges.rateRemaining.set({ source: SOURCE, limit: op }, remaining);
  const limit = Number(headers.get('x-ratelimit-limit'));
  if (Number.isFinite(limit)) gauges.rateLimit.set({ source: SOURCE, limit: op }, limit);
  const reset = Date.parse(headers.get('x-ratelimit-reset') ?? '');
  if (Number.isFinite(reset)) gauges.rateReset.set({ source: SOURCE, limit: op }, Math.round(reset / 1000));
}

/**
 * Runs one API call, counted in /metrics (klaxon_source_api_calls_total{source="mastodon", op})
 * with its rate-limit headers recorded — from the answer, or from the refusal.
 */
export async function call<T>(metrics: Metrics, op: string, run: () => Promise<{ headers: Headers; data: T }>): Promise<T> {
  metrics.sourceCalls.inc({ source: SOURCE, op });
  try {
    const res = await run();
    recordRateLimit(metrics, op, res.headers);
    return res.data;
  } catch (error) {
    if (error instanceof MastoHttpError) recordRateLimit(metrics, op, (error.cause as Response | undefined)?.headers);
    throw error;
  }
}
