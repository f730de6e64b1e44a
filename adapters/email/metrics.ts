import { Counter, Gauge, type Registry } from 'prom-client';
import type { Metrics } from '../../src/telemetry.js';

/**
 * The e-mail source in /metrics: messages by path and outcome, whether the IMAP session is up,
 * and (through `klaxon_source_api_calls_total{source="email"}`) every call to the mail servers.
 */
export interface EmailMetrics {
  messages: Counter<'via' | 'outcome'>;
  imapConnected: Gauge;
  inboundRejected: Counter<'reason'>;
  call(op: string): void;
}

/** Registered once per registry: a second adapter on the same metrics (a restart in tests) reuses them. */
function once<T>(registry: Registry, name: string, make: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? make();
}

export function emailMetrics(metrics: Metrics): EmailMetrics {
  const registers = [metrics.registry];
  return {
    messages: once(
      metrics.registry,
      'klaxon_source_email_messages_total',
      () =>
        new Counter({
          name: 'klaxon_source_email_messages_total',
          help: 'E-mails received, by path (imap, postmark, sendgrid) and outcome (accepted, duplicate, invalid)',
          labelNames: ['via', 'outcome'],
          registers,
        }),
    ),
    imapConnected: once(
      metrics.registry,
      'klaxon_source_email_imap_connected',
      () =>
        new Gauge({
          name: 'klaxon_source_email_imap_connected',
          help: '1 while the IMAP session is up and listening (IDLE), else 0',
          registers,
        }),
    ),
    inboundRejected: once(
      metrics.registry,
      'klaxon_source_email_inbound_rejected_total',
      () =>
        new Counter({
          name: 'klaxon_source_email_inbound_rejected_total',
          help: 'Deliveries to POST /ingest/email refused, by reason',
          labelNames: ['reason'],
          registers,
        }),
    ),
    call: (op) => metrics.sourceCalls.inc({ source: 'email', op }),
  };
}
