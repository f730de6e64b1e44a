import { ManualClock } from '../../../src/clock.js';
import { FakeBluesky } from '../../bluesky/fake/server.js';
import { FakeMastodon } from '../../mastodon/fake/server.js';
import { leakedIn, SECRET_VALUES } from './secrets.js';

/**
 * Loopback Bluesky and Mastodon whose brand accounts take the known secret values as their
 * credentials, so the secrets tests drive those sources too: a customer has written to the brand
 * on each, and each rejects the first read once so the error paths log as well.
 */
export async function startSourceFakes() {
  const clock = new ManualClock(Date.now());
  const bsky = new FakeBluesky(clock);
  await bsky.listen();
  bsky.account({ handle: 'acme.bsky.social', appPassword: SECRET_VALUES.BLUESKY_APP_PASSWORD });
  const jane = bsky.account({ handle: 'jane.bsky.social', followers: 900 });
  bsky.post(jane, '@acme.bsky.social my card was charged twice');
  bsky.inject('app.bsky.notification.listNotifications', { status: 502, body: { error: 'UpstreamFailure', message: 'Upstream Failure' } });
  const masto = new FakeMastodon(clock);
  await masto.listen();
  masto.account('acme', { token: SECRET_VALUES.MASTODON_TOKEN });
  masto.inject('GET', /^\/api\/v1\/notifications$/, { status: 503, body: { error: 'Service Unavailable' } });
  return {
    bsky,
    masto,
    env: { BLUESKY_HANDLE: 'acme.bsky.social', BLUESKY_SERVICE_URL: bsky.url, MASTODON_URL: masto.url },
    /** Both were called: the scans below looked at real traffic. */
    used: () => bsky.callsTo('com.atproto.server.createSession').length > 0 && masto.requests.length > 0,
    /**
     * Secrets in requests the sources made: the app password may travel only in the createSession
     * body, the Mastodon token only as the Authorization header; anything else is a leak.
     */
    requestLeaks(): string[] {
      const out: string[] = [];
      for (const c of bsky.calls) {
        const body =
          c.nsid === 'com.atproto.server.createSession'
            ? JSON.stringify({ ...(c.body as object), password: null })
            : JSON.stringify(c.body);
        for (const name of leakedIn(`${c.query}\n${body}`)) out.push(`bluesky ${c.nsid}: ${name}`);
      }
      for (const r of masto.requests) {
        const { authorization, ...headers } = r.headers;
        if (authorization !== undefined && authorization !== `Bearer ${SECRET_VALUES.MASTODON_TOKEN}`)
          out.push(`mastodon ${r.path}: unexpected Authorization header`);
        for (const name of leakedIn(`${r.path}?${r.query}\n${JSON.stringify(r.body)}\n${JSON.stringify(headers)}`))
          out.push(`mastodon ${r.path}: ${name}`);
      }
      return out;
    },
    async close() {
      await bsky.close();
      await masto.close();
    },
  };
}
