import { z } from 'zod';
import { sourceConfig } from '../../src/config/adapter-config.js';
import { plainVariables, pollSeconds } from '../source-kit/settings.js';

export const BLUESKY_DEFAULT_POLL_SECONDS = 30;

/** `sources.bluesky`: seconds between reads of the notifications. */
export const blueskySection = z.object({ pollIntervalSeconds: pollSeconds(5).default(BLUESKY_DEFAULT_POLL_SECONDS) });

/** Bluesky's variables, checked by blueskySettings. */
export const blueskyConfig = sourceConfig({
  label: 'Bluesky',
  env: plainVariables(['BLUESKY_HANDLE', 'BLUESKY_APP_PASSWORD', 'BLUESKY_SERVICE_URL', 'BLUESKY_JETSTREAM_URL']),
  secretEnv: ['BLUESKY_APP_PASSWORD'],
  section: blueskySection,
});
