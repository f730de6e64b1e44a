/**
 * Spike-alert settings (config file section `spikes`; every field has a default, so `{}` works).
 * The method they tune is described in spikes.ts. Embed as `spikes: spikeConfigSchema.prefault({})`
 * so zod fills the inner defaults.
 */
import { z } from 'zod';

export const spikeConfigSchema = z.object({
  enabled: z.boolean().default(true),
  /** Bucket width of the baseline, and the window negative mentions are counted in (minutes). */
  bucketMinutes: z.number().int().min(1).max(1440).default(15),
  /** EWMA smoothing: the weight of each new bucket (0.1 ≈ the last 10 buckets count most). */
  alpha: z.number().gt(0).lt(1).default(0.1),
  /** How many standard deviations above the baseline a count must be. */
  k: z.number().positive().default(4),
  /** And how many times the baseline (guards against a tiny variance). */
  factor: z.number().min(1).default(3),
  /** Never alert on fewer negative mentions than this in one window. */
  minCount: z.number().int().min(1).default(10),
  /** Buckets of stored history read to start a baseline from (first start, long downtime). */
  historyBuckets: z.number().int().min(1).max(2000).default(96),
  theme: z
    .object({
      enabled: z.boolean().default(true),
      /** The window mentions sharing a theme are counted in (minutes). */
      windowMinutes: z.number().int().min(1).max(1440).default(60),
      /** Never alert on fewer mentions of one theme than this in one window. */
      minCount: z.number().int().min(1).default(15),
    })
    .prefault({}),
});

export type SpikeConfig = z.infer<typeof spikeConfigSchema>;
