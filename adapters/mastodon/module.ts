import type { SourceAdapterModule, WiredSourceAdapter as SourceAdapter } from '../../src/adapter-modules.js';
import { PLAIN_REPLY_BUDGETS } from '../../src/replies/budget.js';
import { kvCursorStore } from '../source-kit/kv-cursors.js';
import { sinkSourcePort } from '../source-kit/port.js';
import { createMastodonAdapter, type MastodonAdapter } from './index.js';
import { mastodonSettings, type MastodonSettings } from './settings.js';
import { envOf } from '../../src/config/adapter-config.js';
import { mastodonConfig } from './config.js';

/** Mastodon for the registry: the brand account's notifications in, replies and direct mentions out. */
export const mastodonModule = {
  id: 'mastodon',
  settings: (env, config) => mastodonSettings(envOf(mastodonConfig, env), config.file),
  create(deps): SourceAdapter<MastodonAdapter> {
    const { settings, db, clock, metrics, logger } = deps;
    const mastodon = createMastodonAdapter({ settings, clock, logger, metrics, cursors: kvCursorStore(db, 'mastodon', clock) });
    return sinkSourcePort('mastodon', mastodon, { sink: deps.sink, replyBudget: PLAIN_REPLY_BUDGETS.mastodon ?? null, notes: true });
  },
} satisfies SourceAdapterModule<MastodonSettings, SourceAdapter<MastodonAdapter>>;
