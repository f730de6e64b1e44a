import { z } from 'zod';

/**
 * Storm clustering: many mentions about the same thing in a short window become one incident
 * card. Defaults: 3 authors within 30 minutes sharing a link or near-identical text (at least
 * 60% of their words in common). Authors at or above `influencerFollowers` (and VIPs) keep their own card.
 */
export const stormConfigSchema = z.object({
  enabled: z.boolean().default(true),
  windowMinutes: z.number().int().min(1).max(24 * 60).default(30),
  minMentions: z.number().int().min(2).max(1000).default(3),
  minSimilarity: z.number().min(0.3).max(1).default(0.6),
  influencerFollowers: z.number().int().min(0).default(50_000),
  /** Mentions kept in memory for matching, at most (bounded memory during a storm). */
  maxTracked: z.number().int().min(100).default(50_000),
});

export type StormConfig = z.infer<typeof stormConfigSchema>;
