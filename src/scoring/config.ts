/**
 * Scoring configuration: signal weights (in score points, out of 100), priority thresholds,
 * per-source adjustments, escalation-theme bonuses and customer-defined severity phrases.
 * Every field has a default, so `scoringConfigSchema.parse({})` is the full default config and a
 * config file only needs the values it changes.
 */
import { z } from 'zod';
import { PRIORITIES } from '../domain/priority.js';

/** Points for each signal at full strength. */
const weightsSchema = z.object({
  /** Text severity 0..1 (how serious the complaint is). */
  severity: z.number().min(0).default(35),
  /** Negativity of the text (sentiment below 0). */
  sentiment: z.number().min(0).default(20),
  /** Points removed for clearly positive messages (praise needs no escalation). */
  positive: z.number().min(0).default(10),
  /** Reach at `reach.fullFollowers`; scaled by how much of a complaint the text is. */
  reach: z.number().min(0).default(40),
  verified: z.number().min(0).default(5),
  vip: z.number().min(0).default(30),
  /** Per earlier unanswered message from the same author on the case, up to `repeatMax` of them. */
  repeat: z.number().min(0).default(10),
  repeatMax: z.number().int().min(0).default(3),
  /** The customer says the problem has lasted weeks or months. */
  waited: z.number().min(0).default(8),
  /** Storm size at `volume.fullAt` mentions. */
  volume: z.number().min(0).default(15),
  /** A question is waiting for an answer (scaled by how much of a complaint the text is). */
  question: z.number().min(0).default(4),
  /** ALL CAPS or "!!!"/"???", scaled by how much of a complaint the text is. */
  emphasis: z.number().min(0).default(4),
  /** Bonus for a customer-defined theme that has no entry in `themeBonus`. */
  customTheme: z.number().min(0).default(10),
  /** Cap on the sum of theme bonuses (legal + safety + press ... cannot stack without limit). */
  themeBonusMax: z.number().min(0).default(30),
});

const thresholdsSchema = z
  .object({
    p1: z.number().min(0).max(100).default(75),
    p2: z.number().min(0).max(100).default(50),
    p3: z.number().min(0).max(100).default(25),
  })
  .refine((t) => t.p1 >= t.p2 && t.p2 >= t.p3, { message: 'thresholds must satisfy p1 >= p2 >= p3' });

const reachSchema = z.object({
  /** At or below this many followers reach adds nothing. */
  minFollowers: z.number().min(0).default(100),
  /** At or above this many followers reach adds its full weight (log scale in between). */
  fullFollowers: z.number().min(1).default(1_000_000),
});

const volumeSchema = z.object({
  /** Mentions in one storm at which volume adds its full weight (log scale from 1). */
  fullAt: z.number().min(2).default(100),
});

const sourceSchema = z.object({
  /** Multiplies the whole score before the bonus. */
  multiplier: z.number().min(0).default(1),
  /** Points added (may be negative). */
  bonus: z.number().default(0),
});

/**
 * Public channels get a small bonus because everyone can see them (and a public review stays
 * up); private ones (email, chat) are neutral. Multipliers stay 1: the text decides.
 */
const DEFAULT_SOURCES: Record<string, z.infer<typeof sourceSchema>> = {
  twitter: { multiplier: 1, bonus: 3 },
  x: { multiplier: 1, bonus: 3 },
  facebook: { multiplier: 1, bonus: 2 },
  instagram: { multiplier: 1, bonus: 2 },
  tiktok: { multiplier: 1, bonus: 3 },
  reddit: { multiplier: 1, bonus: 2 },
  youtube: { multiplier: 1, bonus: 2 },
  review: { multiplier: 1, bonus: 3 },
  google_reviews: { multiplier: 1, bonus: 3 },
  email: { multiplier: 1, bonus: 0 },
  chat: { multiplier: 1, bonus: 0 },
  webhook: { multiplier: 1, bonus: 0 },
};

/**
 * Extra points when an escalation theme or a harm category is present. Harm categories also have
 * a priority floor (config `harm`); the bonus ranks them within their priority.
 */
const DEFAULT_THEME_BONUS: Record<string, number> = {
  crisis: 25,
  safety: 18,
  medical: 18,
  legal: 18,
  fraud: 15,
  discrimination: 15,
  threat: 15,
  press: 15,
  regulator: 15,
  privacy: 12,
  vulnerable: 12,
  essential_service: 8,
  churn: 10,
  channel_failure: 6,
};

/** A customer's own severity phrase: plain words (case-insensitive, not a regex). */
const severityPhraseSchema = z.object({
  pattern: z.string().trim().min(1),
  /** Theme key reported for it: an existing one ("legal") or a new one ("recall"). */
  theme: z.string().trim().min(1),
  /** Evidence of seriousness, 0..1. */
  weight: z.number().min(0).max(1).default(0.6),
});

export const scoringConfigSchema = z.object({
  weights: weightsSchema.default(() => weightsSchema.parse({})),
  thresholds: thresholdsSchema.default(() => thresholdsSchema.parse({})),
  reach: reachSchema.default(() => reachSchema.parse({})),
  volume: volumeSchema.default(() => volumeSchema.parse({})),
  /** Per source; entries given in a config are merged over the defaults, unknown sources get {1, 0}. */
  sources: z
    .record(z.string(), sourceSchema)
    .default(() => ({}))
    .transform((v) => ({ ...DEFAULT_SOURCES, ...v })),
  /** Per theme; merged over the defaults. */
  themeBonus: z
    .record(z.string(), z.number().min(0))
    .default(() => ({}))
    .transform((v) => ({ ...DEFAULT_THEME_BONUS, ...v })),
  severityPhrases: z.array(severityPhraseSchema).default(() => []),
  /**
   * The lowest priority a mention in a language the scorer cannot read may get (it is marked
   * "not scored on text"): a person should look, since nothing was read from it.
   */
  unscoredFloor: z.enum(PRIORITIES).default('P3'),
  /**
   * The lowest priority of a message read as a complaint: a factual report of a failure ("billed
   * for 45 seats, we reduced to 20") has few angry words but still needs an answer the same day.
   */
  complaintFloor: z.enum(PRIORITIES).default('P3'),
});

export type ScoringConfig = z.infer<typeof scoringConfigSchema>;

/** The defaults, parsed once. */
export const DEFAULT_SCORING_CONFIG: ScoringConfig = scoringConfigSchema.parse({});
