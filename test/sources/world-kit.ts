import type { SourceWorld } from '../contract/source.contract.js';
import type { Metrics } from '../../src/telemetry.js';

/** Builds a contract world from a source's own test world (the metrics text comes from its registry). */
export function memoryWorld(parts: Omit<SourceWorld, 'metricsText'> & { metrics: Metrics }): SourceWorld {
  const { metrics, ...rest } = parts;
  return { ...rest, metricsText: async () => (await metrics.render()).body };
}
