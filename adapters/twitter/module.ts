import type { SourceAdapterModule, WiredSourceAdapter as SourceAdapter } from '../../src/adapter-modules.js';
import { createTwitterAdapter, type TwitterAdapter } from './index.js';
import { X_REPLY_BUDGET } from './length.js';
import { twitterSettingsOf } from './config.js';
import { textReplyPolicy } from './reply-policy.js';
import { twitterSettings, type TwitterSettings } from './settings.js';

/**
 * X for the registry. X hands its posts to the core while it reads (the poller needs each batch's
 * result at once), so it takes the sink when it is built; it stops reading before the outbox drains.
 */
export const twitterModule = {
  id: 'twitter',
  settings: (_env, config) => twitterSettings(config),
  bridged: {
    aliases: ['x'],
    // X's weighted count, however its replies are delivered (X's API or a webhook bridge).
    replyBudget: X_REPLY_BUDGET,
    // Posts that come through /ingest: X takes a reply only when the post mentions the brand.
    replyPolicy(config) {
      const account = twitterSettingsOf(config.file).account;
      return textReplyPolicy([...(account ? [account] : []), ...config.file.brands.flatMap((b) => b.handles)]);
    },
  },
  create(deps): SourceAdapter<TwitterAdapter> {
    const x = createTwitterAdapter({
      ...deps.settings,
      db: deps.db,
      clock: deps.clock,
      logger: deps.logger.child({ platform: 'x' }),
      metrics: deps.metrics,
      ingest: (batch) => deps.sink.ingest(batch),
      amplify: (batch) => deps.sink.amplify(batch),
    });
    return {
      id: 'twitter',
      detail: x,
      routes: [],
      reply: x.replySource,
      replyBudget: X_REPLY_BUDGET,
      listen: { start: () => x.start(), stop: () => x.stop() },
      close: async () => undefined,
      // Decided when each post came in (it must mention or quote the brand), and kept on the case.
      canReplyPublicly: () => null,
    };
  },
} satisfies SourceAdapterModule<TwitterSettings, SourceAdapter<TwitterAdapter>>;
