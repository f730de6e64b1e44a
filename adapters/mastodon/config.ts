import { z } from 'zod';
import { sourceConfig } from '../../src/config/adapter-config.js';
import { plainVariables, pollSeconds } from '../source-kit/settings.js';

export const MASTODON_DEFAULT_POLL_SECONDS = 60;

/** `sources.mastodon`: seconds between reads of the notifications while the stream is down. */
export const mastodonSection = z.object({ pollIntervalSeconds: pollSeconds(5).default(MASTODON_DEFAULT_POLL_SECONDS) });

/** Mastodon's variables, checked by mastodonSettings. */
export const mastodonConfig = sourceConfig({
  label: 'Mastodon',
  env: plainVariables(['MASTODON_URL', 'MASTODON_TOKEN']),
  secretEnv: ['MASTODON_TOKEN'],
  section: mastodonSection,
});
