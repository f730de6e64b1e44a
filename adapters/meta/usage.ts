import { Gauge } from 'prom-client';
import type { Clock } from '../../src/clock.js';
import type { Metrics } from '../../src/telemetry.js';

/**
 * Meta's rate-limit headers, read from every Graph answer and honoured before Meta throttles:
 * - `X-App-Usage` / `X-Page-Usage`: `{"call_count":28,"total_cputime":25,"total_time":25}`, each a
 *   percentage of the limit over a rolling hour;
 * - `X-Business-Use-Case-Usage`: `{"<business id>":[{"type":"pages","call_count":…,
 *   "total_cputime":…,"total_time":…,"estimated_time_to_regain_access":<minutes>}]}` — Page tokens
 *   fall under these Business Use Case limits.
 * The highest percentage decides: from `slowDownAt` optional reads are skipped, from
 * `pauseReadsAt` reads wait and the rest is kept for replies, from `pauseAllAt` (or once Meta says
 * how long until access returns) every call waits.
 */
export type CallKind = 'optional-read' | 'read' | 'write';

export interface UsageThresholds {
  slowDownAtPercent: number;
  pauseReadsAtPercent: number;
  pauseAllAtPercent: number;
}

const METRICS = ['call_count', 'total_cputime', 'total_time'] as const;
/** With no time from Meta, a pause lasts this long before a call tries again (the window is an hour). */
export const DEFAULT_PAUSE_MS = 5 * 60_000;

export interface UsageGauges {
  percent: Gauge<'header' | 'type' | 'metric'>;
  paused: Gauge<'calls'>;
  regainSeconds: Gauge;
}

const gaugesByMetrics = new WeakMap<Metrics, UsageGauges>();

/** Registered once per registry (Facebook and Instagram share one Meta app, and one set of gauges). */
export function usageGauges(metrics: Metrics): UsageGauges {
  const known = gaugesByMetrics.get(metrics);
  if (known) return known;
  const registers = [metrics.registry];
  const gauges: UsageGauges = {
    percent: new Gauge({
      name: 'klaxon_source_meta_usage_percent',
      help:
        'Meta Graph API usage as its last answer reported it, percent of the limit (header: app, page or business; type: ' +
        "Meta's use case; metric: call_count, total_cputime, total_time)",
      labelNames: ['header', 'type', 'metric'],
      registers,
    }),
    paused: new Gauge({
      name: 'klaxon_source_meta_paused',
      help: "Whether Klaxon holds back Graph API calls to stay under Meta's limits (calls: reads or all)",
      labelNames: ['calls'],
      registers,
    }),
    regainSeconds: new Gauge({
      name: 'klaxon_source_meta_regain_seconds',
      help: 'Seconds until Meta restores full access, as its last answer estimated (0 = not throttled)',
      registers,
    }),
  };
  gaugesByMetrics.set(metrics, gauges);
  return gauges;
}

function parseJson(value: string | null): unknown {
  if (!value || value.length > 20_000) return null;
  try {
    return JSON.parse(value);
  } catch {
    return null;
  }
}

function percentOf(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.min(value, 1000) : null;
}

/** A label value from Meta's vocabulary (`pages`, `instagram`, `messenger`…), never an id. */
function typeLabel(value: unknown): string {
  return typeof value === 'string' && /^[a-z_]{1,32}$/.test(value) ? value : 'other';
}

export type UsageDecision = { go: true } | { go: false; waitMs: number; why: string };

export class UsageGovernor {
  readonly #clock: Clock;
  readonly #t: UsageThresholds;
  readonly #gauges: UsageGauges;
  #highest = 0;
  #regainAt = 0;
  #probeAt = 0;
  #reason = '';

  constructor(clock: Clock, thresholds: UsageThresholds, gauges: UsageGauges) {
    this.#clock = clock;
    this.#t = thresholds;
    this.#gauges = gauges;
  }

  /** The highest usage percentage the last answer reported. */
  get highest(): number {
    return this.#highest;
  }

  /** Reads the headers of a Graph answer (success or error). */
  observe(headers: Headers, ok: boolean): void {
    const readings: number[] = [];
    for (const [header, name] of [
      ['app', 'x-app-usage'],
      ['page', 'x-page-usage'],
    ] as const) {
      const parsed = parseJson(headers.get(name));
      if (!parsed || typeof parsed !== 'object') continue;
      for (const metric of METRICS) {
        const p = percentOf((parsed as Record<string, unknown>)[metric]);
        if (p === null) continue;
        this.#gauges.percent.set({ header, type: header, metric }, p);
        readings.push(p);
      }
    }
    let regainMinutes = 0;
    const buc = parseJson(headers.get('x-business-use-case-usage'));
    if (buc && typeof buc === 'object' && !Array.isArray(buc)) {
      for (const key of Object.keys(buc)) {
        const list = (buc as Record<string, unknown>)[key];
        if (!Array.isArray(list)) continue;
        for (const item of list.slice(0, 20)) {
          if (!item || typeof item !== 'object') continue;
          const type = typeLabel((item as Record<string, unknown>).type);
          for (const metric of METRICS) {
            const p = percentOf((item as Record<string, unknown>)[metric]);
            if (p === null) continue;
            this.#gauges.percent.set({ header: 'business', type, metric }, p);
            readings.push(p);
          }
          const regain = percentOf((item as Record<string, unknown>).estimated_time_to_regain_access);
          if (regain !== null) regainMinutes = Math.max(regainMinutes, regain);
        }
      }
    }
    // Meta sends the headers only once usage is notable: a good answer without them means low usage.
    if (readings.length > 0 || ok) {
      this.#highest = readings.length > 0 ? Math.max(...readings) : 0;
      if (this.#highest < this.#t.slowDownAtPercent) this.#probeAt = 0;
    }
    const now = this.#clock.now().getTime();
    if (regainMinutes > 0) this.#pauseUntil(now + regainMinutes * 60_000, `Meta estimates access returns in ${regainMinutes} min`);
    else if (readings.length > 0 && this.#highest < this.#t.pauseAllAtPercent && this.#regainAt <= now) this.#regainAt = 0;
    this.#publish();
  }

  /** Meta throttled a call (codes 4, 17, 32, 613, 80001…, HTTP 429): every call waits. */
  throttled(waitMs: number | null, why: string): number {
    const now = this.#clock.now().getTime();
    // Meta's own estimate (read from this answer's headers) beats a guess.
    const until = waitMs && waitMs > 0 ? now + waitMs : this.#regainAt > now ? this.#regainAt : now + DEFAULT_PAUSE_MS;
    this.#pauseUntil(until, why);
    this.#publish();
    return Math.max(0, this.#regainAt - now);
  }

  /**
   * Whether a call of this kind may go now, and if not how long to wait. Usage is a rolling hour
   * that only a call can re-read: once held-back calls have waited `DEFAULT_PAUSE_MS`, one call
   * goes as a probe and its answer's headers decide the rest.
   */
  decide(kind: CallKind): UsageDecision {
    const now = this.#clock.now().getTime();
    if (this.#regainAt > now) return { go: false, waitMs: this.#regainAt - now, why: this.#reason };
    if (this.#regainAt !== 0) {
      // The time Meta gave has passed: access is back, whatever the usage read before it.
      this.#regainAt = 0;
      this.#highest = 0;
      this.#publish();
    }
    const usage = this.#highest;
    const limit = kind === 'write' ? this.#t.pauseAllAtPercent : kind === 'read' ? this.#t.pauseReadsAtPercent : this.#t.slowDownAtPercent;
    if (usage < limit) return { go: true };
    if (kind === 'optional-read')
      return { go: false, waitMs: 0, why: `Graph API usage at ${usage}% of Meta's limit: optional reads skipped` };
    if (this.#probeAt === 0) this.#probeAt = now + DEFAULT_PAUSE_MS;
    if (now >= this.#probeAt) {
      this.#probeAt = 0;
      return { go: true };
    }
    const why =
      kind === 'write'
        ? `Graph API usage at ${usage}% of Meta's limit`
        : `Graph API usage at ${usage}% of Meta's limit: reads wait, replies keep the margin`;
    return { go: false, waitMs: this.#probeAt - now, why };
  }

  #pauseUntil(until: number, why: string): void {
    if (until > this.#regainAt) {
      this.#regainAt = until;
      this.#reason = why;
    }
  }

  #publish(): void {
    const now = this.#clock.now().getTime();
    const allPaused = this.#regainAt > now || this.#highest >= this.#t.pauseAllAtPercent;
    this.#gauges.paused.set({ calls: 'all' }, allPaused ? 1 : 0);
    this.#gauges.paused.set({ calls: 'reads' }, allPaused || this.#highest >= this.#t.pauseReadsAtPercent ? 1 : 0);
    this.#gauges.regainSeconds.set(Math.max(0, Math.round((this.#regainAt - now) / 1000)));
  }
}
