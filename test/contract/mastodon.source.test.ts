import { memoryWorld } from '../sources/world-kit.js';
import { startMastodonWorld, TOKEN } from '../mastodon/setup.js';
import { sourceContract } from './source.contract.js';

/** Mastodon (stream, with polling) against the loopback REST and streaming fake. */
sourceContract('Mastodon', async () => {
  const m = await startMastodonWorld();
  const brandPosts = () => m.fake.statusesBy(m.brand);
  return memoryWorld({
    core: m.core,
    logs: m.logs,
    metrics: m.metrics,
    secrets: [TOKEN],
    hasPublicReply: true,
    adapter: () => m.adapter(),
    // The stream delivers at once; the safety read (every five minutes) makes the settle certain.
    settle: (adapter) => m.settle(adapter as ReturnType<typeof m.adapter>, 5 * 60_000),
    customerWrites: async (text) => m.fake.post(m.jane, `@acme ${text}`).id,
    customerFollowsUp: async (previous, text) => m.fake.post(m.jane, `@acme ${text}`, { replyTo: m.fake.statuses.get(previous)! }).id,
    publicReplies: () =>
      brandPosts()
        .filter((s) => s.visibility !== 'direct')
        .map((s) => s.text),
    privateMessages: () =>
      brandPosts()
        .filter((s) => s.visibility === 'direct')
        .map((s) => s.text),
    // The customer blocked the brand: their posts are hidden from it, so nothing can answer them.
    refuseNextReply: () => m.fake.inject('GET', /^\/api\/v1\/statuses\/\d+$/, { status: 404, body: { error: 'Record not found' } }),
    rateLimitNextWrite: (resetInMs) =>
      m.fake.inject('POST', /^\/api\/v1\/statuses$/, {
        status: 429,
        body: { error: 'Too many requests' },
        headers: {
          'x-ratelimit-limit': '300',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': new Date(m.core.clock.now().getTime() + resetInMs).toISOString(),
        },
      }),
    close: () => m.close(),
  });
});
