import { z } from 'zod';

/**
 * Paraphrase clustering (paraphrase.ts): mentions that report the same symptom about the same
 * rare place, product or brand in other words join one storm.
 */
const paraphraseSchema = z.object({
  enabled: z.boolean().default(true),
  /**
   * Evidence two mentions must share to be one incident: a shared symptom counts 1 and each
   * shared rare term up to 1 (everyday words ½). 1.75 needs a symptom plus a rare place or
   * product (or a brand that is down); higher merges less.
   */
  minEvidence: z.number().min(1).max(10).default(1.75),
  /** How long term frequencies are remembered (their half-life) when judging what is rare. */
  historyHours: z
    .number()
    .min(1)
    .max(24 * 30)
    .default(24),
});

/**
 * Storm clustering: many mentions about the same thing in a short window become one incident
 * card. Defaults: 3 authors within 30 minutes sharing a link, near-identical text (at least 60%
 * of their words in common) or a paraphrase of the same incident. Authors at or above
 * `influencerFollowers` (and VIPs) keep their own card.
 */
export const stormConfigSchema = z.object({
  enabled: z.boolean().default(true),
  windowMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  minMentions: z.number().int().min(2).max(1000).default(3),
  minSimilarity: z.number().min(0.3).max(1).default(0.6),
  influencerFollowers: z.number().int().min(0).default(50_000),
  /** Mentions kept in memory for matching, at most (bounded memory during a storm). */
  maxTracked: z.number().int().min(100).default(50_000),
  paraphrase: paraphraseSchema.prefault({}),
});

export type StormConfig = z.infer<typeof stormConfigSchema>;
