import { z } from 'zod';
import { sourceConfig } from '../../src/config/adapter-config.js';
import { plainVariables, pollSeconds } from '../source-kit/settings.js';

/** `sources.google_reviews`: seconds between polls (Google's quota allows no faster than every 30 s). */
export const googleReviewsSection = z.object({ pollIntervalSeconds: pollSeconds(30).optional() });

/** Google Business Profile's variables, checked by googleReviewsSettings. */
export const googleReviewsConfig = sourceConfig({
  label: 'Google reviews',
  env: plainVariables([
    'GOOGLE_BUSINESS_CLIENT_ID',
    'GOOGLE_BUSINESS_CLIENT_SECRET',
    'GOOGLE_BUSINESS_REFRESH_TOKEN',
    'GOOGLE_BUSINESS_LOCATIONS',
    'GOOGLE_BUSINESS_API_URL',
    'GOOGLE_OAUTH_TOKEN_URL',
  ]),
  secretEnv: ['GOOGLE_BUSINESS_CLIENT_SECRET', 'GOOGLE_BUSINESS_REFRESH_TOKEN'],
  section: googleReviewsSection,
});
