import { afterEach, describe, expect, it } from 'vitest';
import { RetryableError } from '../../src/ports.js';
import { botAddedToTeam, TRIAGE } from './activities.js';
import { startTeamsHarness, type TeamsHarness } from './harness.js';
import { ConversationPacing } from './strict-rules.js';

/** Virtual time shared by the bot's pacer and the connector: waiting moves it, nothing sleeps. */
function virtualTime(start = 1_700_000_000_000) {
  let t = start;
  return { now: () => t, sleep: async (ms: number) => void (t += ms), elapsed: () => t - start };
}

describe('Teams pacing against a connector that allows 7 operations per second per conversation', () => {
  let h: TeamsHarness;
  afterEach(async () => {
    await h.close();
  });

  it('a burst of 20 posts to one channel all go through: the bot waits its turn instead of being refused', async () => {
    const time = virtualTime();
    h = await startTeamsHarness({ pacerClock: time, connectorPacing: new ConversationPacing(time.now) });
    await h.send(botAddedToTeam(h.connector.url));
    const posted = await Promise.all(
      Array.from({ length: 20 }, (_, i) => h.teams.platform.postNotice(TRIAGE, { kind: 'text', text: `notice ${i}` })),
    );
    expect(posted).toHaveLength(20);
    expect(h.connector.refused()).toEqual([]);
    expect(h.connector.topLevel(TRIAGE)).toHaveLength(20);
    // 20 operations at 7 per sliding second take at least two seconds.
    expect(time.elapsed()).toBeGreaterThanOrEqual(2000);
  });

  it('without pacing the eighth operation in a second is refused with 429 and Retry-After, which the outbox honours', async () => {
    const time = virtualTime();
    h = await startTeamsHarness({ limits: null, connectorPacing: new ConversationPacing(time.now) });
    await h.send(botAddedToTeam(h.connector.url));
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => h.teams.platform.postNotice(TRIAGE, { kind: 'text', text: `notice ${i}` })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(7);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(RetryableError);
    expect((refused.reason as RetryableError).retryAfterMs).toBe(1000);
    expect(h.connector.refused().map((c) => c.status)).toEqual([429]);
  });
});
