import { sourceGauges } from '../source-kit/rate-gauges.js';
import { systemTimers } from '../source-kit/timers.js';
import type { SinkSource, SourceDeps, SourceSink } from '../source-kit/types.js';
import { WriteBudget } from '../source-kit/write-budget.js';
import { createBlueskyClients } from './client.js';
import { JetstreamListener } from './jetstream.js';
import type { Listener } from './listen-common.js';
import { parseAtUri, SOURCE } from './map-post.js';
import { NotificationPoller } from './notifications.js';
import { OwnPosts } from './own-posts.js';
import { ProfileCache } from './profiles.js';
import { BlueskyReplies } from './replies.js';
import { BlueskySession, NO_DM_ACCESS } from './session.js';
import type { BlueskySettings } from './settings.js';

export { blueskySettings, BLUESKY_NOT_CONFIGURED, type BlueskySettings } from './settings.js';

/** A Bluesky PDS's write allowance: 5,000 points an hour, 35,000 a day (a post costs 3). */
export const WRITE_WINDOWS = [
  { name: 'hour', ms: 3_600_000, limit: 5000 },
  { name: 'day', ms: 86_400_000, limit: 35_000 },
] as const;

export interface BlueskyAdapter extends SinkSource {
  /** The listener in use (notifications or Jetstream); exposed for tests. */
  readonly listener: Listener;
  readonly session: BlueskySession;
}

/**
 * Bluesky through @atproto/api: listens to the brand's notifications (or Jetstream), answers in
 * public with a proper reply post and in private through Bluesky chat, and keeps its write
 * allowance and rate limits visible in /metrics.
 */
export function createBlueskyAdapter(deps: SourceDeps<BlueskySettings>): BlueskyAdapter {
  const { settings, clock, metrics, cursors } = deps;
  const logger = deps.logger.child({ source: SOURCE });
  const timers = deps.timers ?? systemTimers;
  const clients = createBlueskyClients({ serviceUrl: settings.serviceUrl, metrics, fetch: deps.fetch });
  const session = new BlueskySession({ clients, handle: settings.handle, appPassword: settings.appPassword, logger, clock });
  const ownPosts = new OwnPosts(cursors);
  const profiles = new ProfileCache({ clients, session, clock, logger });
  const budget = new WriteBudget({ windows: WRITE_WINDOWS, cursors, key: 'write-points' });
  const replies = new BlueskyReplies({ clients, session, ownPosts, budget, clock, logger });
  const listenerDeps = { clients, session, profiles, ownPosts, cursors, clock, logger, metrics, timers, random: deps.random };
  const listener: Listener = settings.jetstreamUrl
    ? new JetstreamListener(listenerDeps, settings.jetstreamUrl)
    : new NotificationPoller(listenerDeps, settings.pollIntervalSeconds * 1000);

  const gauges = sourceGauges(metrics);
  metrics.onScrape(() => {
    const now = clock.now();
    for (const window of WRITE_WINDOWS) {
      gauges.pointsUsed.set({ source: SOURCE, window: window.name }, budget.used(window, now));
      gauges.pointsLimit.set({ source: SOURCE, window: window.name }, window.limit);
    }
  });

  let started = false;
  let probing: Promise<void> = Promise.resolve();
  return {
    source: SOURCE,
    routes: [],
    listener,
    session,
    capabilities(item) {
      const loginProblem = session.brand ? null : session.lastLoginError;
      const publicReply = item.isPrivate
        ? { possible: false, why: 'It arrived privately, so the answer goes privately too.' }
        : loginProblem
          ? { possible: false, why: loginProblem }
          : { possible: true };
      const refused = (() => {
        const did = parseAtUri(item.externalId)?.did;
        return did ? replies.refusedDms.get(did) : undefined;
      })();
      const privateReply = loginProblem
        ? { possible: false, why: loginProblem }
        : session.dmAccess === 'no'
          ? { possible: false, why: NO_DM_ACCESS }
          : refused
            ? { possible: false, why: refused }
            : { possible: true };
      return { publicReply, privateReply };
    },
    validate: (text, mode) => replies.validate(text, mode),
    measure: (text) => replies.measure(text),
    replyPublic: (input) => replies.replyPublic(input),
    sendPrivate: (input) => replies.sendPrivate(input),
    findDelivered: (input, mode, since) => replies.findDelivered(input, mode, since),
    async start(sink: SourceSink) {
      if (started) return;
      started = true;
      for (const warning of settings.warnings) logger.warn(warning);
      logger.info('Bluesky listening', { handle: settings.handle, via: settings.jetstreamUrl ? 'jetstream' : 'notifications' });
      listener.start(sink);
      // In the background: start() never waits on Bluesky.
      probing = session
        .ensure()
        .then(() => session.probeDirectMessages())
        .catch(() => {
          // The listener logs login failures and retries; nothing more to say here.
        });
      await budget.load();
    },
    async stop() {
      if (!started) return;
      started = false;
      await Promise.all([listener.stop(), probing]);
    },
  };
}
