import type { SourceAdapterModule, WiredSourceAdapter as SourceAdapter } from '../../src/adapter-modules.js';
import { kvCursorStore } from '../source-kit/kv-cursors.js';
import { sinkSourcePort } from '../source-kit/port.js';
import { createGoogleReviewsAdapter, type GoogleReviewsAdapter } from './index.js';
import { envOf } from '../../src/config/adapter-config.js';
import { googleReviewsConfig } from './config.js';
import { GOOGLE_REVIEWS_SOURCE, googleReviewsSettings, type GoogleReviewsSettings } from './settings.js';

/** Google Business Profile reviews for the registry: polled, answered in public by the owner's reply. */
export const googleReviewsModule = {
  id: 'google_reviews',
  settings: (env, config) => googleReviewsSettings(envOf(googleReviewsConfig, env), config.file),
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
