import type { SourceAdapterModule, WiredSourceAdapter as SourceAdapter } from '../../src/adapter-modules.js';
import { kvCursorStore } from '../source-kit/kv-cursors.js';
import { sinkSourcePort } from '../source-kit/port.js';
import { createGoogleReviewsAdapter, type GoogleReviewsAdapter } from './index.js';
import { GOOGLE_REVIEWS_SOURCE, googleReviewsSettings, type GoogleReviewsSettings } from './settings.js';

/** Google Business Profile reviews for the registry: polled, answered in public by the owner's reply. */
export const googleReviewsModule = {
  id: 'google_reviews',
  settings: (env, config) =>
    googleReviewsSettings(
      {
        GOOGLE_BUSINESS_CLIENT_ID: env.GOOGLE_BUSINESS_CLIENT_ID,
        GOOGLE_BUSINESS_CLIENT_SECRET: env.GOOGLE_BUSINESS_CLIENT_SECRET,
        GOOGLE_BUSINESS_REFRESH_TOKEN: env.GOOGLE_BUSINESS_REFRESH_TOKEN,
        GOOGLE_BUSINESS_LOCATIONS: env.GOOGLE_BUSINESS_LOCATIONS,
        GOOGLE_BUSINESS_API_URL: env.GOOGLE_BUSINESS_API_URL,
        GOOGLE_OAUTH_TOKEN_URL: env.GOOGLE_OAUTH_TOKEN_URL,
      },
      config.file,
    ),
  create(deps): SourceAdapter<GoogleReviewsAdapter> {
    const { settings, db, clock, metrics } = deps;
    const reviews = createGoogleReviewsAdapter({
      settings,
      clock,
      logger: deps.logger.child({ source: GOOGLE_REVIEWS_SOURCE }),
      metrics,
      cursors: kvCursorStore(db, GOOGLE_REVIEWS_SOURCE, clock),
    });
    return sinkSourcePort('google_reviews', reviews, { sink: deps.sink, replyBudget: null, notes: true });
  },
} satisfies SourceAdapterModule<GoogleReviewsSettings, SourceAdapter<GoogleReviewsAdapter>>;
