import { kvCursorStore } from '../../adapters/source-kit/kv-cursors.js';
import { createTwitterSourceAdapter } from '../../adapters/twitter/source-adapter.js';
import { memoryWorld } from '../sources/world-kit.js';
import { captureLogs } from '../sources/logs.js';
import { BEARER, startXWorld, USER_CONTEXT } from '../twitter/setup.js';
import type { FakeTweet } from '../twitter/fake-x.js';
import { sourceContract } from './source.contract.js';

/** X (mentions timeline polling) against the loopback X API fake. */
sourceContract('X', async () => {
  const x = await startXWorld();
  const logs = captureLogs();
  const tweet = (id: string) => x.fake.tweets.find((t) => t.id === id) as FakeTweet;
  const adapters: ReturnType<typeof createTwitterSourceAdapter>[] = [];
  return memoryWorld({
    core: x.core,
    logs,
    metrics: x.metrics,
    secrets: [BEARER, ...Object.values(USER_CONTEXT)],
    hasPublicReply: true,
    adapter: () => {
      const adapter = createTwitterSourceAdapter({
        settings: {
          bearerToken: BEARER,
          userContext: USER_CONTEXT,
          apiUrl: x.apiUrl,
          mode: 'poll',
          account: 'acmecare',
          brandHandles: ['acmecare'],
          keywords: [],
          competitors: [],
          pollIntervalSeconds: 60,
        },
        db: x.core.handle.db,
        clock: x.core.clock,
        logger: logs.logger,
        metrics: x.metrics,
        cursors: kvCursorStore(x.core.handle.db, 'twitter', x.core.clock),
        timers: x.timers,
        random: () => 0.5,
      });
      adapters.push(adapter);
      return adapter;
    },
    settle: async (adapter) => {
      x.timers.advance(60_000);
      await (adapter as ReturnType<typeof createTwitterSourceAdapter>).twitter.poller?.idle();
    },
    customerWrites: async (text) => x.fake.tweet(x.jane, `@AcmeCare ${text}`, { createdAt: x.core.clock.now().toISOString() }).id,
    customerFollowsUp: async (previous, text) =>
      x.fake.tweet(x.jane, `@AcmeCare ${text}`, { replyTo: tweet(previous), createdAt: x.core.clock.now().toISOString() }).id,
    publicReplies: () => x.fake.tweets.filter((t) => t.author_id === x.brand.id).map((t) => t.text),
    privateMessages: () => x.fake.dms.map((d) => d.text),
    refuseNextReply: () =>
      x.fake.inject('POST', /^\/2\/dm_conversations\/with\/\d+\/messages$/, {
        status: 403,
        body: { title: 'Forbidden', status: 403, type: 'about:blank', detail: 'You cannot send messages to this user.' },
      }),
    rateLimitNextWrite: (resetInMs) =>
      x.fake.rateLimit('POST', /^\/2\/tweets$/, Math.ceil((x.core.clock.now().getTime() + resetInMs) / 1000)),
    close: async () => {
      for (const a of adapters) await a.stop();
      await x.close();
    },
  });
});
