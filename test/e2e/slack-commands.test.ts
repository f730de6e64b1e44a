import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { caseEvents, cases, vips } from '../../db/schema/index.js';
import { ManualClock } from '../../src/clock.js';
import { TEST_SECRETS } from '../helpers/config.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { mention, postIngest } from '../helpers/ingest.js';
import { postSlack, slashCommandBody } from '../helpers/slack.js';
import { startWebhookReceiver } from '../helpers/webhook-receiver.js';

const alice = { id: 'UALICE', name: 'alice' };
const SECRET = TEST_SECRETS.SLACK_SIGNING_SECRET;

/** Every `/klaxon` command through the real Bolt app, answered as the ack body Slack shows. */
describe('/klaxon commands', () => {
  let h: Harness;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const clock = new ManualClock(Date.now());

  beforeEach(async () => {
    clock.set(Date.now());
    receiver = await startWebhookReceiver();
    h = await startHarness({
      clock,
      file: {
        sources: { email: { replyWebhook: { url: receiver.url } } },
        outbound: { allowPrivateTargets: true },
        vips: ['@ceo_of_somewhere'],
      },
    });
    await postIngest(
      h.url,
      mention({
        id: 'c1',
        source: 'email',
        private: true,
        text: 'Where is my refund? Order 1234.',
        createdAt: new Date(clock.now().getTime() - 20 * 60_000).toISOString(),
      }),
      TEST_SECRETS.INGEST_SECRET,
      clock.now(),
    );
    await h.klaxon.worker.idle();
  });
  afterEach(async () => {
    await h.close();
    await receiver.close();
  });

  const run = async (text: string) => {
    const res = await postSlack(h.url, SECRET, slashCommandBody({ text, user: alice, channel: 'CTRIAGE' }));
    expect(res.status).toBe(200);
    return JSON.parse(res.text) as { response_type: string; text: string; blocks?: unknown[] };
  };
  const events = (kind: string) => h.klaxon.db.db.select().from(caseEvents).where(eq(caseEvents.kind, kind)).all();

  it('help, claim, release, note, escalate, resolve, reopen', async () => {
    expect(JSON.stringify(await run('help'))).toContain('handoff K-42');
    expect((await run('claim K-1')).text).toBe('You own K-1 now.');
    expect((await run('release 1')).text).toBe('K-1 is back in the queue.');
    expect((await run('note K-1 customer called the shop too')).text).toBe('Note added to K-1.');
    expect(events('note')).toHaveLength(1);
    expect((await run('escalate K-1 legal threat')).text).toBe('K-1 escalated.');
    await h.klaxon.worker.idle();
    expect(h.workspace.topLevel('CESCALATE')).toHaveLength(1);
    expect((await run('resolve K-1 refunded')).text).toBe('K-1 resolved.');
    expect((await run('reopen K-1')).text).toBe('K-1 reopened.');
    expect((await run('claim K-99')).text).toBe('K-99 does not exist.');
  });

  it('reply and dm by command reach the source; a private case is always answered privately', async () => {
    expect((await run('reply K-1 Your refund went out today')).text).toContain('queued');
    await h.klaxon.worker.idle();
    expect(receiver.calls.map((c) => c.json.mode)).toEqual(['private']); // email arrived privately
    expect((await run('dm K-1 Here are the details')).text).toContain('queued');
    await h.klaxon.worker.idle();
    expect(receiver.calls).toHaveLength(2);
  });

  it('handoff by mention, queue filters, sla, report share, vip add/remove/list, digest', async () => {
    expect((await run('handoff K-1 <@UBOB|bob> please take this')).text).toBe('K-1 handed off to bob.');
    expect(h.klaxon.db.db.select().from(cases).get()!.ownerId).toBe('slack:UBOB');
    expect((await run('handoff K-1 bob')).text).toContain('needs a person (@name) or a channel');
    expect(JSON.stringify(await run('queue mine'))).toContain('none');
    expect(JSON.stringify(await run('queue p4'))).toMatch(/K-1|none/);
    expect((await run('queue p9')).text).toContain('queue takes p1');
    expect(JSON.stringify(await run('sla'))).toMatch(/P1/);
    const shared = await run('report 30d share');
    expect(shared.response_type).toBe('in_channel');
    expect((await run('report 1y')).text).toContain('report takes 24h, 7d or 30d');
    expect((await run('vip add @Jane_Doe')).text).toContain('@Jane_Doe is now a VIP');
    expect(
      h.klaxon.db.db
        .select()
        .from(vips)
        .all()
        .map((v) => v.handle),
    ).toEqual(['jane_doe']);
    expect((await run('vip list')).text).toContain('@ceo_of_somewhere');
    expect((await run('vip remove @ceo_of_somewhere')).text).toContain('config file');
    expect((await run('vip remove @jane_doe')).text).toContain('no longer a VIP');
    expect((await run('digest')).text).toContain('<#CDIGEST>');
    await vi.waitFor(async () => {
      await h.klaxon.worker.idle();
      expect(h.workspace.callsTo('files.completeUploadExternal').length + h.workspace.topLevel('CDIGEST').length).toBeGreaterThan(0);
    });
  });
});
