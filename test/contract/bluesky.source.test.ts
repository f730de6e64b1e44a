import { memoryWorld } from '../sources/world-kit.js';
import { APP_PASSWORD, startBlueskyWorld } from '../bluesky/setup.js';
import { sourceContract } from './source.contract.js';

/** Bluesky (notifications) against the loopback XRPC fake. */
sourceContract('Bluesky', async () => {
  const b = await startBlueskyWorld();
  const post = (id: string) => b.fake.net.records.get(id)!;
  return memoryWorld({
    core: b.core,
    logs: b.logs,
    metrics: b.metrics,
    secrets: [APP_PASSWORD],
    hasPublicReply: true,
    adapter: () => b.adapter(),
    settle: (adapter) => b.settle(adapter as ReturnType<typeof b.adapter>, 30_000),
    customerWrites: async (text) => b.fake.post(b.jane, `@acme.bsky.social ${text}`).uri,
    customerFollowsUp: async (previous, text) => b.fake.post(b.jane, `@acme.bsky.social ${text}`, { replyTo: post(previous) }).uri,
    publicReplies: () => b.fake.postsBy(b.brand).map((r) => String(r.value.text)),
    privateMessages: () =>
      [...b.fake.chat.convos.values()].flatMap((c) => c.messages.filter((m) => m.sender.did === b.brand.did).map((m) => m.text)),
    refuseNextReply: () => {
      b.jane.allowIncoming = 'none';
    },
    rateLimitNextWrite: (resetInMs) => {
      const reset = Math.ceil((b.core.clock.now().getTime() + resetInMs) / 1000);
      b.fake.inject('com.atproto.repo.createRecord', {
        status: 429,
        body: { error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' },
        headers: { 'ratelimit-limit': '5000', 'ratelimit-remaining': '0', 'ratelimit-reset': String(reset) },
      });
    },
    close: () => b.close(),
  });
});
