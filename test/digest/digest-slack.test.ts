import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { cases, outbox } from '../../db/schema/index.js';
import { ingestMentions } from '../../src/ingest/ingest.js';
import { requestDigestNow, runDigestTick } from '../../src/reports/digest-schedule.js';
import { slaConfigSchema } from '../../src/sla/config.js';
import { makeCore, parsed, type Core } from '../helpers/core.js';
import { mention } from '../helpers/ingest.js';
import { startSlackRig, type SlackRig } from './slack-rig.js';

const sla = slaConfigSchema.parse({});
const schedule = { time: '08:00', timeZone: 'Europe/London' };
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

describe('daily digest posted to Slack with its chart', () => {
  let core: Core;
  let rig: SlackRig;
  afterEach(async () => {
    await rig.close();
    core.handle.close();
  });

  async function setup(): Promise<void> {
    core = makeCore({ now: '2026-11-23T07:59:00Z' });
    rig = await startSlackRig({
      db: core.handle.db,
      clock: core.clock,
      sla,
      digest: { timeZone: schedule.timeZone, competitors: ['rivalco'], vips: (h) => h === 'bigcustomer' },
    });
    // Yesterday: three cases, one answered in 30 minutes, one from a VIP; earlier in the fortnight two more.
    const seeds = [
      mention({ id: 'a', createdAt: '2026-11-22T10:00:00Z', author: { id: 'a', handle: 'bigcustomer', followers: 48_000 } }),
      mention({ id: 'b', createdAt: '2026-11-22T11:00:00Z', text: 'Why is @rivalco faster than you at refunds?' }),
      mention({ id: 'c', createdAt: '2026-11-22T15:00:00Z' }),
      mention({ id: 'd', createdAt: '2026-11-12T09:00:00Z' }),
      mention({ id: 'e', createdAt: '2026-11-18T09:00:00Z' }),
    ];
    await ingestMentions(core.ingest, seeds.map(parsed));
    await ingestMentions(core.ingest, [
      parsed(
        mention({
          id: 'a-reply',
          direction: 'outbound',
          inReplyTo: 'a',
          author: { handle: 'brand' },
          text: 'On it!',
          createdAt: '2026-11-22T10:30:00Z',
        }),
      ),
    ]);
    // The cards are not what this test is about.
    core.handle.db.update(outbox).set({ status: 'done' }).where(eq(outbox.kind, 'card.post')).run();
  }

  const deps = () => ({ db: core.handle.db, schedule, channels: { slack: 'CDIGEST' }, onCommitted: () => rig.worker.kick() });

  it('posts once at the configured local time: one message with the numbers and the chart attached', async () => {
    await setup();
    expect(await runDigestTick(deps(), core.clock.now())).toBeNull(); // 07:59 London
    core.clock.set('2026-11-23T08:00:30Z');
    expect(await runDigestTick(deps(), core.clock.now())).toBe('2026-11-23');
    expect(await runDigestTick(deps(), core.clock.now())).toBeNull();
    await rig.worker.drain();

    const posted = rig.workspace.topLevel('CDIGEST');
    expect(posted).toHaveLength(1);
    const message = posted[0]!;
    // The chart went through files.getUploadURLExternal → upload URL → files.completeUploadExternal.
    expect(rig.workspace.callsTo('files.getUploadURLExternal')).toHaveLength(1);
    expect(rig.workspace.callsTo('files.completeUploadExternal')).toHaveLength(1);
    expect(message.files).toHaveLength(1);
    expect(message.files[0]!.filename).toBe('klaxon-digest-2026-11-23.png');
    const stored = rig.workspace.files.get(message.files[0]!.id)!;
    expect(stored.bytes!.subarray(0, 4)).toEqual(PNG_MAGIC);
    expect(message.files[0]!.bytes).toBe(stored.bytes!.length);

    const text = JSON.stringify(message.blocks);
    expect(text).toContain('Daily digest · Mon 23 Nov 2026');
    expect(text).toContain('*Volume*\\n3 cases');
    // The pending cases and how many of them are overdue sit on the rate's own line (issue #14).
    expect(text).toContain(
      '*24-hour response rate*\\n100.0% (1 of 1 answered within 24 h) · 2 pending (no reply yet, under 24 h old), 2 of them overdue\\n',
    );
    expect(text).toContain('median 30m');
    expect(text).toContain('⭐ VIP');
    expect(text).toContain('@bigcustomer');
    expect(text).toContain('@rivalco *1*');
    expect(text).toContain('Open backlog');
    expect(message.blocks!.length).toBeLessThanOrEqual(50);
  });

  it('never posts the same day twice, across a restart; the next day posts again', async () => {
    await setup();
    core.clock.set('2026-11-23T09:00:00Z');
    expect(await runDigestTick(deps(), core.clock.now())).toBe('2026-11-23');
    await rig.worker.drain();
    // A restart: nothing in memory survives, only the database.
    const restarted = { ...deps() };
    core.clock.set('2026-11-23T18:00:00Z');
    expect(await runDigestTick(restarted, core.clock.now())).toBeNull();
    core.clock.set('2026-11-24T08:05:00Z');
    expect(await runDigestTick(restarted, core.clock.now())).toBe('2026-11-24');
    await rig.worker.drain();
    expect(rig.workspace.topLevel('CDIGEST')).toHaveLength(2);
  });

  it('/klaxon digest posts now, whatever the schedule', async () => {
    await setup();
    core.clock.set('2026-11-23T03:00:00Z');
    expect(await requestDigestNow(deps(), core.clock.now())).toEqual([{ platform: 'slack', target: 'CDIGEST' }]);
    await rig.worker.drain();
    expect(rig.workspace.topLevel('CDIGEST')).toHaveLength(1);
    expect(rig.workspace.topLevel('CDIGEST')[0]!.files).toHaveLength(1);
    // It does not use up the scheduled one.
    core.clock.set('2026-11-23T08:00:00Z');
    expect(await runDigestTick(deps(), core.clock.now())).toBe('2026-11-23');
  });

  it('a failed upload is retried by the outbox and posts exactly one message', async () => {
    await setup();
    rig.api.failNext('files.completeUploadExternal', { status: 500 });
    core.clock.set('2026-11-23T08:00:00Z');
    await runDigestTick(deps(), core.clock.now());
    await rig.worker.drain();
    // The retry waits for its backoff; move the clock past it.
    core.clock.set('2026-11-23T08:10:00Z');
    await rig.worker.drain();
    expect(rig.workspace.topLevel('CDIGEST')).toHaveLength(1);
    expect(core.handle.db.select().from(outbox).where(eq(outbox.kind, 'digest.post')).get()?.status).toBe('done');
    expect(core.handle.db.select().from(cases).all()).toHaveLength(5);
  });
});
