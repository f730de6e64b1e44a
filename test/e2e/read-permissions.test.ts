import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TEST_SECRETS } from '../helpers/config.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { mention, postIngest } from '../helpers/ingest.js';
import { eventBody, postSlack, postSlackJson, slashCommandBody } from '../helpers/slack.js';

const SECRET = TEST_SECRETS.SLACK_SIGNING_SECRET;
const alice = { id: 'UALICE', name: 'alice' };
const vera = { id: 'UVERA', name: 'vera' };
const eve = { id: 'UEVE', name: 'eve' };
const CUSTOMER_TEXT = 'card 4929 1234 5678 9015 charged twice, call me on +44 7700 900123';

/** Every command that reads cases, reports or customers. */
const READS = ['queue', 'queue p1', 'queue mine', 'history K-1', 'report', 'report 7d', 'report 30d share', 'sla', 'vip list'];

/**
 * Reading follows permissions.viewers (docs/CONTRACT.md §9): by default whoever may act (the agents);
 * others are refused privately and see no customer text, and `report … share` posts nothing.
 */
describe('who may read, in Slack', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ file: { permissions: { agents: ['UALICE'], leads: ['ULEAD'], viewers: ['UVERA'] }, vips: ['jane'] } });
    await postIngest(
      h.url,
      mention({
        id: 'p1',
        author: { id: '9', handle: 'jane', followers: 90_000 },
        text: CUSTOMER_TEXT,
        createdAt: new Date(h.clock.now().getTime() - 60_000).toISOString(),
      }),
      TEST_SECRETS.INGEST_SECRET,
      h.clock.now(),
    );
    await h.klaxon.worker.idle();
  });
  afterAll(async () => {
    await h.close();
  });
  const command = (text: string, user: { id: string; name: string }) =>
    postSlack(h.url, SECRET, slashCommandBody({ text, user, channel: 'CTRIAGE' }));

  it('refuses every read command by someone who is neither agent nor viewer, privately and without customer data', async () => {
    const postedBefore = h.workspace.callsTo('chat.postMessage').length;
    for (const text of READS) {
      const res = await command(text, eve);
      expect(res.status, text).toBe(200);
      const body = JSON.parse(res.text) as { response_type: string; text: string; blocks?: unknown };
      expect(body.response_type, text).toBe('ephemeral');
      expect(body.text, text).toContain('not on the list of people who may read');
      expect(res.text, text).not.toContain('4929');
      expect(res.text, text).not.toContain('jane');
    }
    await h.klaxon.worker.idle();
    expect(h.workspace.callsTo('chat.postMessage')).toHaveLength(postedBefore);
  });

  it('answers the same commands for an agent and for a viewer', async () => {
    for (const user of [alice, vera]) {
      expect((await command('queue', user)).text).toContain('K-1');
      expect((await command('history K-1', user)).text).toContain('History of K-1');
      expect((await command('report', user)).text).toContain('24h response rate');
      expect((await command('sla', user)).text).not.toContain('not on the list');
      expect((await command('vip list', user)).text).toContain('@jane');
    }
    // A viewer reads but does not act.
    expect((await command('claim K-1', vera)).text).toContain('not on the list of people who may act');
  });

  it('App Home shows cases to readers and only a refusal to others', async () => {
    for (const [user, expected] of [
      [eve, 'not on the list of people who may read'],
      [vera, 'Unassigned queue'],
    ] as const) {
      await postSlackJson(h.url, SECRET, eventBody({ type: 'app_home_opened', user: user.id, channel: `D${user.id}`, tab: 'home' }));
      await vi.waitFor(() => expect(h.workspace.callsTo('views.publish').some((c) => c.args.user_id === user.id)).toBe(true));
      const view = JSON.stringify(
        h.workspace
          .callsTo('views.publish')
          .filter((c) => c.args.user_id === user.id)
          .at(-1)!.args.view,
      );
      expect(view).toContain(expected);
      if (user === eve) expect(view).not.toContain('K-1');
    }
  });
});
