import { envOf } from '../../src/config/adapter-config.js';
import type { Config } from '../../src/config/load.js';
import { twitterConfig, twitterSettingsOf } from './config.js';
import type { TwitterAdapterConfig } from './index.js';

/** The part of the adapter's config that comes from settings (the rest is wiring). */
export type TwitterSettings = Pick<
  TwitterAdapterConfig,
  | 'bearerToken'
  | 'userContext'
  | 'apiUrl'
  | 'mode'
  | 'account'
  | 'brandHandles'
  | 'keywords'
  | 'competitors'
  | 'pollIntervalSeconds'
  | 'pollCadence'
  | 'accessLevel'
  | 'costs'
>;

/** Why X is off, as the start-up log says it. */
export const TWITTER_NOT_CONFIGURED =
  'X/Twitter is not configured: TWITTER_BEARER_TOKEN is not set; set it, and the four ' +
  'TWITTER_APP_*/TWITTER_ACCESS_* values to reply (see README, "Connect X").';

/**
 * Reads the X settings from the validated config (docs/CONTRACT.md §2 and the config file's `sources.twitter`,
 * `brands` and `competitors`). Without a bearer token X is disabled, with the reason to log.
 */
export function twitterSettings(config: Config): { enabled: true; settings: TwitterSettings } | { enabled: false; reason: string } {
  const e = envOf(twitterConfig, config.env);
  if (!e.TWITTER_BEARER_TOKEN) {
    return { enabled: false, reason: TWITTER_NOT_CONFIGURED };
  }
  const userContext =
    e.TWITTER_APP_KEY && e.TWITTER_APP_SECRET && e.TWITTER_ACCESS_TOKEN && e.TWITTER_ACCESS_SECRET
      ? {
          appKey: e.TWITTER_APP_KEY,
          appSecret: e.TWITTER_APP_SECRET,
          accessToken: e.TWITTER_ACCESS_TOKEN,
          accessSecret: e.TWITTER_ACCESS_SECRET,
        }
      : null;
  const f = config.file;
  const x = twitterSettingsOf(f);
  return {
    enabled: true,
    settings: {
      bearerToken: e.TWITTER_BEARER_TOKEN,
      userContext,
      apiUrl: e.TWITTER_API_URL ?? null,
      mode: e.TWITTER_MODE,
      account: x.account ?? null,
      brandHandles: f.brands.flatMap((b) => b.handles),
      keywords: x.keywords,
      competitors: f.competitors,
      ...(x.pollIntervalSeconds !== undefined ? { pollIntervalSeconds: x.pollIntervalSeconds } : {}),
      pollCadence: x.pollCadence,
      accessLevel: x.accessLevel,
      costs: x.costs,
    },
  };
}
