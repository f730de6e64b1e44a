import { systemTimers } from '../source-kit/timers.js';
import type { SinkSource, SourceDeps, SourceSink } from '../source-kit/types.js';
import { createMastodonRest } from './client.js';
import { MastodonIdentity } from './identity.js';
import { MastodonListener } from './listener.js';
import { SOURCE } from './map-status.js';
import { MastodonReplies } from './replies.js';
import { SentReplies } from './sent-replies.js';
import type { MastodonSettings } from './settings.js';

export { mastodonSettings, MASTODON_NOT_CONFIGURED, type MastodonSettings } from './settings.js';

export interface MastodonAdapter extends SinkSource {
  readonly listener: MastodonListener;
  readonly identity: MastodonIdentity;
}

/**
 * Mastodon through masto: listens to the brand's notifications (stream, with polling from a saved
 * since_id), answers in public and by direct message within the instance's own length limit, and
 * honours its rate limits (429 and X-RateLimit-Reset).
 */
export function createMastodonAdapter(deps: SourceDeps<MastodonSettings>): MastodonAdapter {
  const { settings, clock, metrics, cursors } = deps;
  const logger = deps.logger.child({ source: SOURCE });
  const rest = createMastodonRest({ url: settings.url, accessToken: settings.accessToken });
  const identity = new MastodonIdentity({ rest, url: settings.url, metrics, logger, clock });
  const sent = new SentReplies(cursors);
  const replies = new MastodonReplies({ rest, identity, sent, clock, logger, metrics });
  const listener = new MastodonListener({
    rest,
    identity,
    sent,
    cursors,
    clock,
    logger,
    metrics,
    timers: deps.timers ?? systemTimers,
    random: deps.random,
    accessToken: settings.accessToken,
    pollIntervalMs: settings.pollIntervalSeconds * 1000,
  });
  let started = false;
  return {
    source: SOURCE,
    routes: [],
    listener,
    identity,
    capabilities(item) {
      const problem = identity.account ? null : identity.lastError;
      if (problem) return { publicReply: { possible: false, why: problem }, privateReply: { possible: false, why: problem } };
      return {
        publicReply: item.isPrivate
          ? { possible: false, why: 'It arrived as a direct message, so the answer goes as one too.' }
          : { possible: true },
        privateReply: { possible: true },
      };
    },
    validate: (text, mode) => replies.validate(text, mode),
    measure: (text) => replies.measure(text),
    replyPublic: (input) => replies.replyPublic(input),
    sendPrivate: (input) => replies.sendPrivate(input),
    findDelivered: (input, mode, since) => replies.findDelivered(input, mode, since),
    async start(sink: SourceSink) {
      if (started) return;
      started = true;
      logger.info('Mastodon listening', { instance: settings.url });
      listener.start(sink);
    },
    async stop() {
      if (!started) return;
      started = false;
      await listener.stop();
    },
  };
}
