import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics (GET /metrics). One registry per app instance so tests running several
 * apps in one process never share counters.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly ingested = new Counter({
    name: 'klaxon_mentions_ingested_total',
    help: 'Mentions accepted, by source and direction',
    labelNames: ['source', 'direction'],
    registers: [this.registry],
  });
  readonly duplicates = new Counter({
    name: 'klaxon_mentions_duplicate_total',
    help: 'Mentions seen before (same source and id), not stored again',
    labelNames: ['source'],
    registers: [this.registry],
  });
  readonly rejected = new Counter({
    name: 'klaxon_ingest_rejected_total',
    help: 'Ingest requests or items rejected, by reason',
    labelNames: ['reason'],
    registers: [this.registry],
  });
  readonly outboundSent = new Counter({
    name: 'klaxon_outbound_sent_total',
    help: 'Outgoing actions delivered, by kind and platform',
    labelNames: ['kind', 'platform'],
    registers: [this.registry],
  });
  readonly outboundErrors = new Counter({
    name: 'klaxon_outbound_errors_total',
    help: 'Outgoing action attempts that failed, by kind, platform and outcome (retry, failed, uncertain)',
    labelNames: ['kind', 'platform', 'outcome'],
    registers: [this.registry],
  });
  readonly queueDepth = new Gauge({
    name: 'klaxon_outbox_pending',
    help: 'Outgoing actions waiting to be sent',
    labelNames: ['platform'],
    registers: [this.registry],
  });
  readonly openCases = new Gauge({
    name: 'klaxon_open_cases',
    help: 'Open cases by priority',
    labelNames: ['priority'],
    registers: [this.registry],
  });
  /**
   * docs/CONTRACT.md §7 over the trailing 7 days, by priority (and `all`), computed at scrape time
   * by the same ReportBuilder as reports and the digest: absent (no sample) when undefined.
   */
  readonly responseRate24h = new Gauge({
    name: 'klaxon_response_rate_24h',
    help: '24-hour response rate of actionable cases created in the last 7 days (CONTRACT §7)',
    labelNames: ['priority'],
    registers: [this.registry],
  });
  readonly slaAttainment = new Gauge({
    name: 'klaxon_sla_attainment',
    help: 'Share of SLA-eligible cases of the last 7 days whose first response met the target (CONTRACT §7)',
    labelNames: ['priority'],
    registers: [this.registry],
  });
  readonly firstResponseMedian = new Gauge({
    name: 'klaxon_first_response_median_seconds',
    help: 'Median first-response time of cases created in the last 7 days (CONTRACT §7)',
    labelNames: ['priority'],
    registers: [this.registry],
  });
  readonly slaBreaches = new Counter({
    name: 'klaxon_sla_breaches_total',
    help: 'First-response SLA breaches detected',
    labelNames: ['priority'],
    registers: [this.registry],
  });
  readonly unverifiedBodyBytes = new Gauge({
    name: 'klaxon_http_unverified_body_bytes',
    help: 'Bytes set aside for request bodies being received whose signature is not checked yet (capped; 503 beyond the cap)',
    registers: [this.registry],
  });
  readonly renderFallbacks = new Counter({
    name: 'klaxon_card_fallbacks_total',
    help:
      'Cards and notices a chat platform refused in full and that went out in short form, by platform, ' +
      "kind and the platform's error code",
    labelNames: ['platform', 'kind', 'code'],
    registers: [this.registry],
  });
  readonly sourceNotStored = new Counter({
    name: 'klaxon_source_items_not_stored_total',
    help: 'Items a native source read that the core could not store: the source stays before them and reads them again with backoff',
    labelNames: ['source'],
    registers: [this.registry],
  });
  readonly sourceCalls = new Counter({
    name: 'klaxon_source_api_calls_total',
    help: 'Calls to a source API (reads and writes; X bills per post)',
    labelNames: ['source', 'op'],
    registers: [this.registry],
  });
  readonly sourceCostPerDay = new Gauge({
    name: 'klaxon_source_estimated_cost_usd_per_day',
    help: "Estimated cost of a source's API per day: the plan's fee per day plus the last 24 hours' billed reads and writes at its prices",
    labelNames: ['source'],
    registers: [this.registry],
  });
  readonly sourcePollsPerDay = new Gauge({
    name: 'klaxon_source_polls_per_day',
    help: 'Polls of a source per day at the configured cadence (0 when it streams)',
    labelNames: ['source'],
    registers: [this.registry],
  });
  /**
   * Optional AI triage, one count per new case: answered by the model or from the cache, or left
   * at its local score because of a timeout, an error, a malformed answer, the per-minute budget
   * or a full queue (backlog); skipped when the case closed before the answer.
   */
  readonly aiTriage = new Counter({
    name: 'klaxon_ai_triage_total',
    help: 'AI triage per new case, by outcome (model, cache, timeout, error, malformed, budget, backlog, skipped)',
    labelNames: ['outcome'],
    registers: [this.registry],
  });
  readonly aiTriageMoves = new Counter({
    name: 'klaxon_ai_triage_moves_total',
    help: 'Priority moves after AI triage (up, down, none)',
    labelNames: ['direction'],
    registers: [this.registry],
  });
  readonly aiTriageSeconds = new Histogram({
    name: 'klaxon_ai_triage_seconds',
    help: 'AI model call duration',
    buckets: [0.1, 0.25, 0.5, 1, 2, 3, 5, 10],
    registers: [this.registry],
  });

  /** Gauges computed at scrape time (from the database, from counters). */
  #collectors: (() => void | Promise<void>)[] = [];

  constructor(options: { defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'klaxon_' });
  }

  onScrape(collect: () => void | Promise<void>): void {
    this.#collectors.push(collect);
  }

  async render(): Promise<{ contentType: string; body: string }> {
    for (const collect of this.#collectors) await collect();
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
