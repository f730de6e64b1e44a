import { afterEach, describe, expect, it } from 'vitest';
import { claimCase } from '../../src/cases/verbs/claim.js';
import { ingestMentions } from '../../src/ingest/ingest.js';
import { slaConfigSchema } from '../../src/sla/config.js';
import { checkSlaTimers } from '../../src/sla/ticker.js';
import { startSlackRig, type SlackRig } from '../digest/slack-rig.js';
import { makeCore, parsed, type Core } from '../helpers/core.js';
import { mention } from '../helpers/ingest.js';

const MIN = 60_000;
const T0 = new Date('2026-11-23T10:00:00Z');
const sla = slaConfigSchema.parse({ policies: Object.fromEntries(['P1', 'P2', 'P3', 'P4'].map((p) => [p, { firstResponseMinutes: 60 }])) });

describe('SLA warning and breach as Slack sees them', () => {
  let core: Core;
  let rig: SlackRig;
  afterEach(async () => {
    await rig.close();
    core.handle.close();
  });

  it('re-renders the card as at risk, DMs the owner once, then escalates once with the lead mentioned', async () => {
    core = makeCore({ now: T0.toISOString() });
    rig = await startSlackRig({ db: core.handle.db, clock: core.clock, sla });
    const deps = { db: core.handle.db, sla, escalation: { channel: 'CESCALATE', onCall: 'S0LEADS' }, onCommitted: () => rig.worker.kick() };
    const id = (await ingestMentions(core.ingest, [parsed(mention({ id: 'm1', createdAt: T0.toISOString() }))])).opened[0]!;
    await claimCase({ ctx: core.cases, input: { caseId: id, actor: { id: 'slack:UALICE', name: 'alice', platform: 'slack' } } });
    await rig.worker.drain();
    const card = rig.workspace.topLevel('CTRIAGE')[0]!;
    expect(JSON.stringify(card.blocks)).toContain('First response due');

    core.clock.set(T0.getTime() + 45 * MIN);
    await checkSlaTimers(deps, core.clock.now());
    await checkSlaTimers(deps, core.clock.now());
    await rig.worker.drain();
    // The card itself now says the deadline is near, though no field of the case changed but the flag.
    expect(JSON.stringify(rig.workspace.find('CTRIAGE', card.ts)!.blocks)).toContain('First response due soon');
    const dms = rig.workspace.messages.filter((m) => m.channel === 'DUALICE');
    expect(dms).toHaveLength(1);
    expect(JSON.stringify(dms[0]!.blocks)).toContain('SLA at risk');
    expect(rig.workspace.thread('CTRIAGE', card.ts).map((m) => m.text)).toContainEqual(expect.stringContaining('SLA at risk'));

    core.clock.set(T0.getTime() + 61 * MIN);
    await checkSlaTimers(deps, core.clock.now());
    await checkSlaTimers(deps, core.clock.now());
    await rig.worker.drain();
    const escalations = rig.workspace.topLevel('CESCALATE');
    expect(escalations).toHaveLength(1);
    const text = JSON.stringify(escalations[0]!.blocks);
    expect(text).toContain('SLA breached');
    expect(text).toContain('<!subteam^S0LEADS>');
    expect(text).toContain(`K-${id}`);
    expect(JSON.stringify(rig.workspace.find('CTRIAGE', card.ts)!.blocks)).toContain('First response overdue');
    expect(rig.workspace.messages.filter((m) => m.channel === 'DUALICE')).toHaveLength(1);
  });
});
