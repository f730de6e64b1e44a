import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { caseEvents, cases, outbox } from '../../db/schema/index.js';
import { claimCase } from '../../src/cases/verbs/claim.js';
import { resolveCase } from '../../src/cases/verbs/resolve.js';
import { ingestMentions } from '../../src/ingest/ingest.js';
import { Metrics } from '../../src/telemetry.js';
import { slaConfigSchema } from '../../src/sla/config.js';
import { checkSlaTimers, type SlaTickerDeps } from '../../src/sla/ticker.js';
import { makeCore, parsed, type Core } from '../helpers/core.js';
import { mention } from '../helpers/ingest.js';

const MIN = 60_000;
const T0 = '2026-11-23T10:00:00Z';
const at = (minutes: number) => new Date(new Date(T0).getTime() + minutes * MIN);

/** Every priority gets the same 60-minute target so the scorer's choice of priority does not matter. */
const sla = slaConfigSchema.parse({
  policies: Object.fromEntries(['P1', 'P2', 'P3', 'P4'].map((p) => [p, { firstResponseMinutes: 60 }])),
});

describe('SLA timers (injected clock, real database)', () => {
  let core: Core;
  let deps: SlaTickerDeps;
  afterEach(() => core.handle.close());

  function setup(): void {
    core = makeCore({ now: T0, leads: ['slack:ULEAD'] });
    deps = { db: core.handle.db, sla, escalation: { channel: 'CESCALATE', onCall: 'S0LEADS' }, metrics: new Metrics() };
  }

  async function open(id = 'm1'): Promise<number> {
    const result = await ingestMentions(core.ingest, [parsed(mention({ id, createdAt: T0 }))]);
    const caseId = result.opened[0];
    if (caseId === undefined) throw new Error('no case opened');
    return caseId;
  }

  const notices = () =>
    core.handle.db
      .select()
      .from(outbox)
      .where(eq(outbox.kind, 'notice'))
      .all()
      .map((r) => ({
        platform: r.platform,
        target: r.target,
        caseId: r.caseId,
        notice: (r.payload as { notice: { kind: string; mention: string | null } }).notice,
      }));
  const events = (kind: string) => core.handle.db.select().from(caseEvents).where(eq(caseEvents.kind, kind)).all();

  it('warns at 75% of the target and breaches at 100%, each exactly once', async () => {
    setup();
    const id = await open();
    expect(await checkSlaTimers(deps, at(44))).toEqual({ warned: [], breached: [] });

    expect(await checkSlaTimers(deps, at(45))).toEqual({ warned: [id], breached: [] });
    expect(await checkSlaTimers(deps, at(46))).toEqual({ warned: [], breached: [] });
    expect(await checkSlaTimers(deps, at(59))).toEqual({ warned: [], breached: [] });
    // Unowned: the warning goes to the case's channel, and the card is forced to re-render.
    expect(notices()).toEqual([{ platform: 'slack', target: 'CTRIAGE', caseId: id, notice: { kind: 'sla_warning', mention: null } }]);
    const forced = core.handle.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.kind, 'card.update'), eq(outbox.caseId, id)))
      .all();
    expect(forced.map((r) => r.payload)).toContainEqual(expect.objectContaining({ force: true }));
    expect(events('sla_warning')).toHaveLength(1);
    expect(core.handle.db.select().from(cases).get()?.slaWarnedAt).toEqual(at(45));

    expect(await checkSlaTimers(deps, at(60))).toEqual({ warned: [], breached: [id] });
    expect(await checkSlaTimers(deps, at(61))).toEqual({ warned: [], breached: [] });
    expect(await checkSlaTimers(deps, at(600))).toEqual({ warned: [], breached: [] });
    // The breach is escalated with the on-call lead's raw id; the adapter turns it into a mention.
    expect(notices().slice(1)).toEqual([
      { platform: 'slack', target: 'CESCALATE', caseId: id, notice: { kind: 'sla_breach', mention: 'S0LEADS' } },
    ]);
    expect(events('sla_breach')).toHaveLength(1);
    expect(events('sla_breach')[0]?.actor).toBe('system');
    expect(core.handle.db.select().from(cases).get()?.slaBreachedAt).toEqual(at(60));
  });

  it('counts breaches per priority in the metrics', async () => {
    setup();
    await open('a');
    await open('b');
    await checkSlaTimers(deps, at(60));
    const text = (await deps.metrics!.render()).body;
    const total = [...text.matchAll(/^klaxon_sla_breaches_total\{priority="P\d"\} (\d+)$/gm)].reduce((n, m) => n + Number(m[1]), 0);
    expect(total).toBe(2);
  });

  it('warns the owner by direct message when the case is claimed', async () => {
    setup();
    const id = await open();
    await claimCase({ ctx: core.cases, input: { caseId: id, actor: { id: 'slack:UALICE', name: 'alice', platform: 'slack' } } });
    await checkSlaTimers(deps, at(50));
    expect(notices()).toEqual([{ platform: 'slack', target: 'UALICE', caseId: id, notice: { kind: 'sla_warning', mention: null } }]);
  });

  it('gives nothing to a case answered or resolved before the timer fires', async () => {
    setup();
    const answered = await open('q1');
    const resolved = await open('q2');
    await ingestMentions(core.ingest, [
      parsed(
        mention({
          id: 'r1',
          direction: 'outbound',
          inReplyTo: 'q1',
          author: { handle: 'brand' },
          text: 'Sorry! DM us.',
          createdAt: at(10).toISOString(),
        }),
      ),
    ]);
    await resolveCase({ ctx: core.cases, input: { caseId: resolved, actor: { id: 'slack:ULEAD', name: 'lead', platform: 'slack' } } });
    expect(await checkSlaTimers(deps, at(50))).toEqual({ warned: [], breached: [] });
    expect(await checkSlaTimers(deps, at(500))).toEqual({ warned: [], breached: [] });
    expect(notices()).toEqual([]);
    expect(core.handle.db.select().from(cases).where(eq(cases.id, answered)).get()?.slaWarnedAt).toBeNull();
  });

  it('a case skipped past both thresholds (process down) gets only the breach, never a stale warning', async () => {
    setup();
    const id = await open();
    expect(await checkSlaTimers(deps, at(120))).toEqual({ warned: [], breached: [id] });
    expect(await checkSlaTimers(deps, at(121))).toEqual({ warned: [], breached: [] });
    expect(notices().map((n) => n.notice.kind)).toEqual(['sla_breach']);
    expect(events('sla_warning')).toHaveLength(0);
  });

  it('escalates in the case channel when no escalation channel is configured', async () => {
    setup();
    const id = await open();
    await checkSlaTimers({ ...deps, escalation: { onCall: 'U0LEAD' } }, at(60));
    expect(notices()).toEqual([{ platform: 'slack', target: 'CTRIAGE', caseId: id, notice: { kind: 'sla_breach', mention: 'U0LEAD' } }]);
  });

  it('counts business time: a Friday-evening case is only at risk and breached on Monday morning', async () => {
    setup();
    const office = slaConfigSchema.parse({
      calendars: {
        office: { timeZone: 'Europe/London', periods: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' }] },
      },
      policies: Object.fromEntries(['P1', 'P2', 'P3', 'P4'].map((p) => [p, { firstResponseMinutes: 60, calendar: 'office' }])),
    });
    const bh = { ...deps, sla: office };
    // Fri 27 Nov 2026 16:30 London (= UTC in November): 30 business minutes left on Friday.
    const result = await ingestMentions(core.ingest, [parsed(mention({ id: 'fri', createdAt: '2026-11-27T16:30:00Z' }))]);
    const id = result.opened[0]!;
    expect(await checkSlaTimers(bh, new Date('2026-11-27T17:30:00Z'))).toEqual({ warned: [], breached: [] });
    expect(await checkSlaTimers(bh, new Date('2026-11-28T12:00:00Z'))).toEqual({ warned: [], breached: [] });
    expect(await checkSlaTimers(bh, new Date('2026-11-30T09:14:59Z'))).toEqual({ warned: [], breached: [] });
    expect(await checkSlaTimers(bh, new Date('2026-11-30T09:15:00Z'))).toEqual({ warned: [id], breached: [] });
    expect(await checkSlaTimers(bh, new Date('2026-11-30T09:29:59Z'))).toEqual({ warned: [], breached: [] });
    expect(await checkSlaTimers(bh, new Date('2026-11-30T09:30:00Z'))).toEqual({ warned: [], breached: [id] });
  });

  it('ignores "no action" cases', async () => {
    setup();
    const id = await open();
    core.handle.db.update(cases).set({ actionable: false }).where(eq(cases.id, id)).run();
    expect(await checkSlaTimers(deps, at(120))).toEqual({ warned: [], breached: [] });
  });
});
