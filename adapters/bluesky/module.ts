import type { SourceAdapterModule, WiredSourceAdapter as SourceAdapter } from '../../src/adapter-modules.js';
import { PLAIN_REPLY_BUDGETS } from '../../src/replies/budget.js';
import { kvCursorStore } from '../source-kit/kv-cursors.js';
import { sinkSourcePort } from '../source-kit/port.js';
import { createBlueskyAdapter, type BlueskyAdapter } from './index.js';
import { blueskySettings, type BlueskySettings } from './settings.js';
import { envOf } from '../../src/config/adapter-config.js';
import { blueskyConfig } from './config.js';

/** Bluesky for the registry: its notifications (or Jetstream) in, reply posts and chat out. */
export const blueskyModule = {
  id: 'bluesky',
  settings: (env, config) => blueskySettings(envOf(blueskyConfig, env), config.file),
  create(deps): SourceAdapter<BlueskyAdapter> {
    const { settings, db, clock, metrics, logger } = deps;
    const bluesky = createBlueskyAdapter({ settings, clock, logger, metrics, cursors: kvCursorStore(db, 'bluesky', clock) });
    return sinkSourcePort('bluesky', bluesky, { sink: deps.sink, replyBudget: PLAIN_REPLY_BUDGETS.bluesky ?? null, notes: true });
  },
} satisfies SourceAdapterModule<BlueskySettings, SourceAdapter<BlueskyAdapter>>;
