// @slack/web-api is CommonJS: under real Node ESM only the default import works (named imports
// pass under vitest but fail under node, so the smoke test starts the real entry point).
import webApi, { type WebClient, type WebClientOptions } from '@slack/web-api';
import type { Logger } from '../../src/log.js';
import { boltLogger } from './bolt-logger.js';

export interface SlackClientOptions {
  token: string;
  apiUrl?: string;
  logger: Logger;
  /** Retries inside the client. The outbox retries durably itself, so its client uses 0. */
  retries: number;
}

export function clientOptions(opts: Omit<SlackClientOptions, 'token'>): WebClientOptions {
  return {
    ...(opts.apiUrl ? { slackApiUrl: opts.apiUrl.endsWith('/') ? opts.apiUrl : `${opts.apiUrl}/` } : {}),
    logger: boltLogger(opts.logger),
    retryConfig: { retries: opts.retries, factor: 2, minTimeout: 200, maxTimeout: 2000 },
    // A 429 comes back to the caller with its Retry-After: the outbox pauses the channel's
    // queue for that long instead of the client sleeping inside one call.
    rejectRateLimitedCalls: opts.retries === 0,
  };
}

export function createWebClient(opts: SlackClientOptions): WebClient {
  return new webApi.WebClient(opts.token, clientOptions(opts));
}
