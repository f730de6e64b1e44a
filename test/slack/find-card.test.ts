import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalSlackApi } from '../../dev/sandbox/slack-api/server.js';
import { SlackWorkspace } from '../../dev/sandbox/slack-api/store.js';
import { CARD_EVENT_TYPE } from '../../adapters/slack/blocks/card.js';
import { createWebClient } from '../../adapters/slack/client.js';
import { FIND_CARD_WINDOW, SlackPlatform } from '../../adapters/slack/platform.js';
import { ManualClock } from '../../src/clock.js';
import { silentLogger } from '../../src/log.js';

/**
 * After a crash between posting a card and recording it, the card is looked for in the window of
 * the interrupted post only: one conversations.history call, at most 15 messages (Slack's 2025
 * limit for distributed apps), starting at the attempt's time.
 */
describe('findCard reads history only in the window of the interrupted post', () => {
  const clock = new ManualClock('2026-11-23T10:00:00Z');
  const workspace = new SlackWorkspace({ now: () => clock.now().getTime(), channels: [{ id: 'CTRIAGE', name: 'triage' }] });
  const api = new LocalSlackApi(workspace);
  let served: Awaited<ReturnType<LocalSlackApi['listen']>>;
  let platform: SlackPlatform;
  let client: ReturnType<typeof createWebClient>;
  const postCardFor = (caseId: number) =>
    client.chat.postMessage({
      channel: 'CTRIAGE',
      text: `card ${caseId}`,
      metadata: { event_type: CARD_EVENT_TYPE, event_payload: { case_id: caseId } },
    });

  beforeAll(async () => {
    served = await api.listen();
    client = createWebClient({ token: 'xoxb-test', apiUrl: served.url, logger: silentLogger, retries: 0 });
    platform = new SlackPlatform(client);
    // An hour of busy channel before the attempt: none of it may be read.
    for (let i = 0; i < 40; i += 1) {
      await postCardFor(100 + i);
      clock.advance(60_000);
    }
  });
  afterAll(() => served.close());

  it('finds the card posted just after the attempt began, with one call of at most 15 messages from the attempt on', async () => {
    const attempt = clock.now();
    clock.advance(400);
    await postCardFor(7);
    // The channel moves on after the crash: later cards and chatter.
    for (let i = 0; i < 30; i += 1) {
      clock.advance(1_100);
      await client.chat.postMessage({ channel: 'CTRIAGE', text: `later ${i}` });
    }
    const before = workspace.callsTo('conversations.history').length;
    expect(await platform.findCard('CTRIAGE', 7, attempt)).toMatch(/^slack:CTRIAGE:\d+\.\d+$/);
    const calls = workspace.callsTo('conversations.history').slice(before);
    expect(calls).toHaveLength(1);
    const args = calls[0]!.args;
    expect(Number(args.limit)).toBeLessThanOrEqual(15);
    expect(Number(args.oldest)).toBeGreaterThanOrEqual(attempt.getTime() / 1000 - FIND_CARD_WINDOW.beforeSeconds);
    expect(Number(args.latest)).toBeLessThanOrEqual(attempt.getTime() / 1000 + FIND_CARD_WINDOW.afterSeconds);
  });

  it('does not find a card of the same case from before the attempt (it is not the interrupted post)', async () => {
    const attempt = clock.now();
    expect(await platform.findCard('CTRIAGE', 120, attempt)).toBeNull();
  });
});
