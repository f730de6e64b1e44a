import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SANDBOX_CHANNELS } from '../../dev/sandbox/people.js';
import { buttonPath, channelMessages, startSandboxApp, type SandboxApp } from './setup.js';

const TRIAGE = SANDBOX_CHANNELS.triage.id;
const waitLong = { timeout: 5000, interval: 20 };

/** The sandbox's Slack is the strict one: what it refuses, the page shows as an error. */
describe('the sandbox shows what Slack refused', () => {
  let app: SandboxApp;
  beforeEach(async () => {
    app = await startSandboxApp();
  });
  afterEach(async () => {
    await app.close();
  });

  it('a refused card is listed in the page state with Slack’s errors, and the short-form card still arrives', async () => {
    // A rule the renderer cannot know: mrkdwn mentioning REFUSE-ME is refused (the short form shows it as plain text).
    const mrkdwnSays = (blocks: unknown) =>
      (Array.isArray(blocks) ? blocks : []).some(
        (b: { text?: { type?: string; text?: string } }) => b.text?.type === 'mrkdwn' && b.text.text?.includes('REFUSE-ME'),
      );
    app.sandbox.workspace.extraRules.push((method, payload) =>
      method === 'chat.postMessage' && mrkdwnSays(payload.blocks) ? ['refused for this test [json-pointer:/blocks/2/text/text]'] : [],
    );
    await app.act('mention', {
      handle: '@pat',
      name: 'Pat',
      followers: 10,
      verified: false,
      source: 'twitter',
      minutesAgo: 1,
      text: 'REFUSE-ME my order is late',
    });
    await vi.waitFor(async () => {
      const state = await app.state();
      expect(state.refusals.map((r) => [r.method, r.error])).toContainEqual(['chat.postMessage', 'invalid_blocks']);
      expect(state.refusals.at(-1)!.errors).toEqual(['refused for this test [json-pointer:/blocks/2/text/text]']);
      expect(JSON.stringify(channelMessages(state, TRIAGE)[0]?.blocks)).toContain('Short form');
    }, waitLong);
  });

  it('a hand-off to the billing channel, which Klaxon was never invited to, joins it and posts there', async () => {
    await app.act('mention', {
      handle: '@kim',
      name: 'Kim',
      followers: 10,
      verified: false,
      source: 'twitter',
      minutesAgo: 1,
      text: 'Invoice is wrong',
    });
    let card: ReturnType<typeof channelMessages>[number] | undefined;
    await vi.waitFor(async () => {
      card = channelMessages(await app.state(), TRIAGE)[0];
      expect(card).toBeDefined();
    }, waitLong);
    expect(app.sandbox.workspace.access(SANDBOX_CHANNELS.billing.id)).toBe('not_in_channel');
    await app.act('say', { channel: TRIAGE, text: `/klaxon handoff K-1 <#${SANDBOX_CHANNELS.billing.id}|billing-team> please check` });
    await vi.waitFor(async () => expect(channelMessages(await app.state(), SANDBOX_CHANNELS.billing.id)).toHaveLength(1), waitLong);
    expect(app.sandbox.workspace.access(SANDBOX_CHANNELS.billing.id)).toBe('ok');
    expect((await app.state()).refusals).toEqual([]);
    expect(buttonPath(card!, 'klaxon_claim')).toBeDefined();
  });
});
