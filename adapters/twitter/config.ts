import { z } from 'zod';
import { sourceConfig } from '../../src/config/adapter-config.js';
import { handleSchema, type ConfigFile } from '../../src/config/file.js';

/** X API access levels (developer portal plans); each has its own rate limits and prices. */
export const X_ACCESS_LEVELS = ['free', 'basic', 'pro', 'enterprise', 'pay_per_use'] as const;
export type XAccessLevel = (typeof X_ACCESS_LEVELS)[number];

const seconds = z
  .number()
  .int('must be a whole number of seconds')
  .min(5, 'must be at least 5 seconds')
  .max(86_400, 'must be at most a day');
const usd = z.number().min(0, 'must not be negative').max(1_000_000);

type PerLevel = Record<XAccessLevel, z.ZodOptional<typeof seconds>>;
const perLevel = Object.fromEntries(X_ACCESS_LEVELS.map((l) => [l, seconds.optional()])) as PerLevel;

/** X's own keys under `sources.twitter` (formerly the top-level `twitter`), as written. */
const xSection = z.object({
  /** The brand's own X account (handle), whose replies count as first responses. */
  account: handleSchema.optional(),
  /** The app's X API access level: its rate limits, its default poll cadence and what it costs. */
  accessLevel: z.enum(X_ACCESS_LEVELS, { message: `must be one of ${X_ACCESS_LEVELS.join(', ')}` }).optional(),
  /** Seconds between polls of the mentions timeline (at most a day); unset = the cadence of the access level. */
  pollIntervalSeconds: seconds.optional(),
  /** Poll cadence per access level (seconds), replacing Klaxon's defaults. */
  pollCadence: z.strictObject(perLevel).optional(),
  /** Your contract's prices (USD), replacing the access level's published ones in the cost estimate. */
  costs: z
    .strictObject({
      monthlyUsd: usd.optional(),
      postReadUsd: usd.optional(),
      ownPostReadUsd: usd.optional(),
      userReadUsd: usd.optional(),
      postWriteUsd: usd.optional(),
      dmUsd: usd.optional(),
    })
    .optional(),
  /** What the filtered stream listens for besides the brand's handles. */
  keywords: z.array(z.string().min(1)).optional(),
});

/** X's settings with their defaults. */
const twitterSection = xSection.extend({
  accessLevel: xSection.shape.accessLevel.unwrap().default('pay_per_use'),
  pollCadence: xSection.shape.pollCadence.unwrap().default({}),
  costs: xSection.shape.costs.unwrap().default({}),
  keywords: xSection.shape.keywords.unwrap().default([]),
});
export type TwitterSection = z.infer<typeof twitterSection>;

/** X's settings from `sources.twitter`, with their defaults (the section is optional). */
export function twitterSettingsOf(file: ConfigFile): TwitterSection {
  const { replyWebhook: _webhook, ...x } = file.sources.twitter ?? {};
  return twitterSection.parse(x);
}

const optionalSecret = z.string().min(1, 'must not be empty when set').optional();
const USER_CONTEXT_KEYS = ['TWITTER_APP_KEY', 'TWITTER_APP_SECRET', 'TWITTER_ACCESS_TOKEN', 'TWITTER_ACCESS_SECRET'] as const;

/** X's variables and its config-file section: what app/config.ts composes into the whole configuration. */
export const twitterConfig = sourceConfig({
  label: 'X',
  env: {
    TWITTER_BEARER_TOKEN: optionalSecret,
    TWITTER_APP_KEY: optionalSecret,
    TWITTER_APP_SECRET: optionalSecret,
    TWITTER_ACCESS_TOKEN: optionalSecret,
    TWITTER_ACCESS_SECRET: optionalSecret,
    TWITTER_API_URL: z.url({ message: 'must be an absolute URL, e.g. http://127.0.0.1:4000/api/' }).optional(),
    TWITTER_MODE: z.enum(['stream', 'poll'], { message: 'must be "stream" or "poll"' }).default('poll'),
  },
  secretEnv: ['TWITTER_BEARER_TOKEN', ...USER_CONTEXT_KEYS],
  section: xSection,
  formerKey: 'twitter',
  problems(e) {
    const set = USER_CONTEXT_KEYS.filter((k) => e[k]);
    if (set.length === 0 || set.length === USER_CONTEXT_KEYS.length) return [];
    return USER_CONTEXT_KEYS.filter((k) => !e[k]).map((k) => `${k} is required when ${set[0]} is set (X user context needs all four)`);
  },
});
