import { Counter, Gauge } from 'prom-client';
import type { Clock } from '../../src/clock.js';
import type { ReadBodyOptions } from '../../src/http/body.js';
import type { HttpRoute } from '../../src/http/server.js';
import type { Logger } from '../../src/log.js';
import type { Metrics } from '../../src/telemetry.js';
import { makeRedactor, type Redact } from '../source-kit/redact.js';
import type { WebhookInbox } from '../source-kit/inbox.js';
import type { Timers } from '../source-kit/timers.js';
import { GraphClient } from './graph.js';
import type { MetaSettings } from './settings.js';
import { UsageGovernor, usageGauges } from './usage.js';
import { createMetaWebhookRoute, type MetaTopic, type WebhookOutcome } from './webhook-route.js';

export interface MetaConnectionDeps {
  settings: MetaSettings;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  /** Where verified deliveries wait for processing (sqliteInbox(db, 'meta', clock) in the app). */
  inbox: WebhookInbox;
  /** The app's shared budget for bodies not yet verified (src/http/body.ts). */
  bodies?: ReadBodyOptions;
  fetch?: typeof globalThis.fetch;
  /** Where the Graph API's call deadlines run (tests: manual timers). */
  timers?: Timers;
}

/**
 * What Facebook and Instagram share on one Meta app: the webhook (one URL, one app secret), the
 * inbox it stores into, the Graph API client and its usage limits (counted per app and business),
 * and the Page token's health. Created once; each source adapter takes it as a dependency.
 */
export interface MetaConnection {
  readonly settings: MetaSettings;
  readonly routes: readonly HttpRoute[];
  readonly inbox: WebhookInbox;
  readonly graph: GraphClient;
  readonly redact: Redact;
  readonly webhookCounter: Counter<'outcome'>;
  readonly eventCounter: Counter<'source' | 'kind' | 'outcome'>;
  /** Deliveries stored and not yet processed, by topic (`page`, `instagram`). */
  readonly inboxPending: Gauge<'topic'>;
  /** Why Meta refuses the Page token right now (for cards and replies), or null. */
  tokenProblem(): string | null;
  /** Calls `fn` whenever a delivery of `topic` is stored; returns the unsubscribe. */
  onStored(topic: MetaTopic, fn: () => void): () => void;
}

function once<T>(metrics: Metrics, name: string, make: () => T): T {
  return (metrics.registry.getSingleMetric(name) as T | undefined) ?? make();
}

export function createMetaConnection(deps: MetaConnectionDeps): MetaConnection {
  const { settings, logger, metrics } = deps;
  const redact = makeRedactor(settings.secrets);
  const registers = [metrics.registry];
  const webhookCounter = once(
    metrics,
    'klaxon_source_meta_webhooks_total',
    () =>
      new Counter({
        name: 'klaxon_source_meta_webhooks_total',
        help:
          'Requests to /webhooks/meta by outcome (stored, duplicate, bad_signature, no_signature, too_large, busy, slow_sender, ' +
          'bad_body, ignored, handshake_ok, handshake_refused)',
        labelNames: ['outcome'],
        registers,
      }),
  );
  const eventCounter = once(
    metrics,
    'klaxon_source_meta_events_total',
    () =>
      new Counter({
        name: 'klaxon_source_meta_events_total',
        help: 'Facebook and Instagram events processed, by source, kind and outcome',
        labelNames: ['source', 'kind', 'outcome'],
        registers,
      }),
  );
  const inboxPending = once(
    metrics,
    'klaxon_source_meta_inbox_pending',
    () =>
      new Gauge({
        name: 'klaxon_source_meta_inbox_pending',
        help: 'Meta webhook deliveries stored and not yet processed, by topic (page, instagram)',
        labelNames: ['topic'],
        registers,
      }),
  );
  const listeners = new Map<MetaTopic, Set<() => void>>();
  let problem: string | null = null;
  const usage = new UsageGovernor(deps.clock, settings, usageGauges(metrics));
  const graph = new GraphClient({
    settings,
    logger,
    metrics,
    usage,
    redact,
    fetch: deps.fetch,
    timers: deps.timers,
    tokenState(next) {
      if (next === problem) return;
      if (next) logger.error(next);
      else logger.info('Meta accepts the Page access token again: Facebook and Instagram replies and details resume');
      problem = next;
    },
  });
  const route = createMetaWebhookRoute({
    appSecret: settings.appSecret,
    verifyToken: settings.verifyToken,
    maxBodyBytes: settings.maxBodyBytes,
    bodies: deps.bodies,
    inbox: deps.inbox,
    logger,
    counted: (outcome: WebhookOutcome) => webhookCounter.inc({ outcome }),
    stored: (topic) => {
      for (const fn of listeners.get(topic) ?? []) fn();
    },
  });
  return {
    settings,
    routes: [route],
    inbox: deps.inbox,
    graph,
    redact,
    webhookCounter,
    eventCounter,
    inboxPending,
    tokenProblem: () => problem,
    onStored(topic, fn) {
      const set = listeners.get(topic) ?? new Set();
      set.add(fn);
      listeners.set(topic, set);
      return () => set.delete(fn);
    },
  };
}
