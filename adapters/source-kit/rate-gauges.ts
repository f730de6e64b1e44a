import { Gauge } from 'prom-client';
import type { Metrics } from '../../src/telemetry.js';

/**
 * The gauges every source reports its limits through (/metrics). Created once per registry —
 * two sources registering the same name would make prom-client throw — and labelled by source.
 */
export interface SourceGauges {
  /** Requests (or points) left in the platform's current window, as its last answer said. */
  rateRemaining: Gauge<'source' | 'limit'>;
  /** The window's size, as the platform's last answer said. */
  rateLimit: Gauge<'source' | 'limit'>;
  /** When that window resets (Unix seconds). */
  rateReset: Gauge<'source' | 'limit'>;
  /** Write points spent in a window (Bluesky counts repo writes in points). */
  pointsUsed: Gauge<'source' | 'window'>;
  pointsLimit: Gauge<'source' | 'window'>;
  /** 1 while a live connection (stream, WebSocket) is open, 0 while polling or reconnecting. */
  connected: Gauge<'source' | 'channel'>;
}

const bySource = new WeakMap<Metrics, SourceGauges>();

export function sourceGauges(metrics: Metrics): SourceGauges {
  const known = bySource.get(metrics);
  if (known) return known;
  const registers = [metrics.registry];
  const gauges: SourceGauges = {
    rateRemaining: new Gauge({
      name: 'klaxon_source_rate_limit_remaining',
      help: "Requests left in the source platform's current rate-limit window, from its last answer",
      labelNames: ['source', 'limit'],
      registers,
    }),
    rateLimit: new Gauge({
      name: 'klaxon_source_rate_limit_limit',
      help: "Size of the source platform's rate-limit window, from its last answer",
      labelNames: ['source', 'limit'],
      registers,
    }),
    rateReset: new Gauge({
      name: 'klaxon_source_rate_limit_reset_timestamp_seconds',
      help: "When the source platform's rate-limit window resets (Unix seconds)",
      labelNames: ['source', 'limit'],
      registers,
    }),
    pointsUsed: new Gauge({
      name: 'klaxon_source_write_points_used',
      help: 'Write points spent on the source in the window (Bluesky: create 3, update 2, delete 1)',
      labelNames: ['source', 'window'],
      registers,
    }),
    pointsLimit: new Gauge({
      name: 'klaxon_source_write_points_limit',
      help: 'Write points the source allows in the window',
      labelNames: ['source', 'window'],
      registers,
    }),
    connected: new Gauge({
      name: 'klaxon_source_connected',
      help: 'Whether a live connection to the source is open (1) or Klaxon is polling or reconnecting (0)',
      labelNames: ['source', 'channel'],
      registers,
    }),
  };
  bySource.set(metrics, gauges);
  return gauges;
}
