/**
 * The shapes of the contract's metrics (docs/CONTRACT.md §7): a report window and the summary of
 * one group of cases. Computed by src/reports/report-builder.ts, rendered by every chat adapter.
 */
import type { Priority } from './priority.js';

export interface Window {
  from: Date;
  to: Date;
}

export interface MetricsSummary {
  total: number;
  actionable: number;
  answered: number;
  answeredWithin24h: number;
  pending24h: number;
  /** null when the denominator is 0. */
  responseRate24h: number | null;
  frtMedianMs: number | null;
  frtP90Ms: number | null;
  slaMet: number;
  slaEligible: number;
  slaAttainment: number | null;
  breaches: number;
  resolved: number;
  resolutionMedianMs: number | null;
  sentiment: { negative: number; neutral: number; positive: number };
}

export interface Report {
  window: Window;
  generatedAt: Date;
  overall: MetricsSummary;
  byPriority: Record<Priority, MetricsSummary>;
  bySource: Record<string, MetricsSummary>;
  byAgent: Record<string, MetricsSummary>;
}
