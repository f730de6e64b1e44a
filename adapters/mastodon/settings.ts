import { z } from 'zod';
import { envValue, issueLines, refuseSettings, sourceSection, type SourceEnv } from '../source-kit/settings.js';
import type { SourceSettings } from '../source-kit/types.js';
import { mastodonSection as sectionSchema } from './config.js';

/** What the start-up log says when Mastodon is off, and how to turn it on. */
export const MASTODON_NOT_CONFIGURED = 'Mastodon is not configured: set MASTODON_URL and MASTODON_TOKEN (see README, "Connect Mastodon").';

export interface MastodonSettings {
  /** The instance the brand's account lives on, e.g. `https://mastodon.social` (no trailing slash). */
  url: string;
  accessToken: string;
  /** Seconds between reads of the notifications when the stream is down. */
  pollIntervalSeconds: number;
}

const envSchema = z.object({
  MASTODON_URL: z
    .url({ protocol: /^https?$/, message: 'must be the http(s) address of the Mastodon instance, e.g. https://mastodon.social' })
    .transform((u) => u.replace(/\/+$/, '')),
  MASTODON_TOKEN: z.string().regex(/^[\x21-\x7e]+$/, 'must be an access token (printable characters, no spaces)'),
});

/**
 * Reads the Mastodon settings (docs/CONTRACT.md §9 and `sources.mastodon` in the config file). Off, with
 * the reason, when neither variable is set; half or bad settings stop the start with one line per
 * problem.
 */
export function mastodonSettings(env: SourceEnv, config: unknown): SourceSettings<MastodonSettings> {
  const url = envValue(env, 'MASTODON_URL');
  const token = envValue(env, 'MASTODON_TOKEN');
  if (!url && !token) {
    return { enabled: false, reason: MASTODON_NOT_CONFIGURED };
  }
  const problems: string[] = [];
  if (!url) problems.push('MASTODON_URL is required when MASTODON_TOKEN is set');
  if (!token) problems.push('MASTODON_TOKEN is required when MASTODON_URL is set');
  const parsedEnv = envSchema.safeParse({ MASTODON_URL: url, MASTODON_TOKEN: token });
  if (!parsedEnv.success && url && token) problems.push(...issueLines(parsedEnv.error, (path) => path));
  const parsedSection = sectionSchema.safeParse(sourceSection(config, 'mastodon'));
  if (!parsedSection.success) problems.push(...issueLines(parsedSection.error, (path) => `config sources.mastodon.${path}`));
  if (problems.length > 0 || !parsedEnv.success || !parsedSection.success) return refuseSettings(problems);
  return {
    enabled: true,
    settings: {
      url: parsedEnv.data.MASTODON_URL,
      accessToken: parsedEnv.data.MASTODON_TOKEN,
      pollIntervalSeconds: parsedSection.data.pollIntervalSeconds,
    },
  };
}
