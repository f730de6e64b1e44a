/**
 * Ingest with harm, intent and language (issue #21) on a real database with the real migrations:
 * floors whatever the reach, the crisis escalation written in the case's own transaction, "no
 * action" for spam, `cards.minPriority`, and the language and guidance kept for the card.
 */
import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { caseEvents, cases, outbox } from '../../db/schema/index.js';
import { listQueue } from '../../src/cases/queue.js';
import { loadCaseView } from '../../src/cases/view.js';
import { editMentions } from '../../src/ingest/edit.js';
import { ingestMentions } from '../../src/ingest/ingest.js';
import { loadCaseFacts } from '../../src/reports/load-facts.js';
import { computeReport, parseWindow } from '../../src/reports/metrics.js';
import { harmConfigSchema } from '../../src/scoring/harm/config.js';
import { makeCore, parsed, type Core } from '../helpers/core.js';
import { mention } from '../helpers/ingest.js';

const small = (id: string) => ({ id: `a-${id}`, handle: `user${id}`, followers: 10 });
const CRISIS = "I can't go on like this, I want to end my life. The bailiffs come tomorrow because of your mistake.";

describe('harm at ingest', () => {
  let core: Core;
  afterEach(() => core.handle.close());

  it('a crisis message opens a P1 case, escalates it at once in the same transaction, and keeps the guidance for the card', async () => {
    core = makeCore();
    core.ingest.escalation = core.cases.escalation;
    await ingestMentions(core.ingest, [parsed(mention({ id: 'k1', author: small('k1'), text: CRISIS }))]);
    const row = core.handle.db.select().from(cases).get()!;
    expect(row).toMatchObject({ priority: 'P1', harm: ['crisis'], language: 'en', intent: 'complaint', actionable: true });
    expect(row.guidance).toMatch(/Samaritans/);
    expect(row.reasons[0]).toMatch(/^crisis/);

    const events = core.handle.db.select().from(caseEvents).where(eq(caseEvents.caseId, row.id)).all();
    expect(events.map((e) => [e.kind, e.actor])).toEqual([
      ['opened', 'ingest'],
      ['escalated', 'system'],
    ]);
    expect(events[1]!.detail).toMatchObject({ automatic: true, harm: ['crisis'], escalatedTo: ['slack'] });

    const rows = core.handle.db.select().from(outbox).all();
    const notice = rows.find((r) => r.kind === 'notice')!;
    expect(notice).toMatchObject({ platform: 'slack', target: 'CESCALATE', caseId: row.id, dedupeKey: `harm-escalation:${row.id}:slack` });
    expect(notice.payload).toMatchObject({ notice: { kind: 'escalation', by: 'Klaxon', mention: 'S0ONCALL' } });
    expect(rows.map((r) => r.kind).sort()).toEqual(['card.post', 'notice', 'thread.post']);
    // Nothing goes to the customer: no reply of any kind is queued.
    expect(rows.some((r) => r.kind.startsWith('reply'))).toBe(false);
  });

  it('an edit that reveals crisis language names the harm and escalates the case', async () => {
    core = makeCore();
    core.ingest.escalation = core.cases.escalation;
    await ingestMentions(core.ingest, [parsed(mention({ id: 'e1', author: small('e'), text: 'Still waiting on the refund' }))]);
    const before = core.handle.db.select().from(cases).get()!;
    expect(before.harm).toEqual([]);
    const edit = { source: 'twitter', id: 'e1', text: CRISIS, editedAt: new Date('2026-11-23T10:05:00Z') };
    expect(await editMentions(core.ingest, [edit])).toMatchObject({ edited: 1 });
    const after = core.handle.db.select().from(cases).get()!;
    expect(after).toMatchObject({ priority: 'P1', harm: ['crisis'] });
    expect(after.guidance).toMatch(/Samaritans/);
    const notices = core.handle.db.select().from(outbox).where(eq(outbox.kind, 'notice')).all();
    expect(notices.map((n) => n.target)).toEqual(['CESCALATE']);
  });

  it('a crisis follow-up on an open case raises it, adds the harm and escalates once', async () => {
    core = makeCore();
    const author = small('f');
    await ingestMentions(core.ingest, [
      parsed(mention({ id: 'f1', author, conversationId: 'c', text: 'My card payment failed twice today' })),
    ]);
    const before = core.handle.db.select().from(cases).get()!;
    expect(before.harm).toEqual([]);
    await ingestMentions(core.ingest, [parsed(mention({ id: 'f2', author, conversationId: 'c', text: CRISIS }))]);
    await ingestMentions(core.ingest, [
      parsed(mention({ id: 'f3', author, conversationId: 'c', text: CRISIS.replace('tomorrow', 'on Monday') })),
    ]);
    const after = core.handle.db.select().from(cases).get()!;
    expect(after).toMatchObject({ priority: 'P1', harm: ['crisis'], mentionCount: 3 });
    expect(after.guidance).toMatch(/Samaritans/);
    const notices = core.handle.db.select().from(outbox).where(eq(outbox.kind, 'notice')).all();
    // No escalation channel in the ingest deps here: the notice goes where the card is.
    expect(notices.map((n) => n.target)).toEqual(['CTRIAGE']);
  });

  it.each([
    ['safety', 'The boiler you fitted smells of gas in the hallway', 'P1'],
    ['medical', 'The pharmacy sent the wrong insulin and I have none left', 'P1'],
    ['fraud', 'Three payments on my card that I never made', 'P2'],
    ['vulnerable', 'My 91 year old dad has had no heating since Friday', 'P2'],
    ['privacy', 'You emailed my bank statement to a stranger', 'P2'],
    ['discrimination', 'The security guard followed me round because I am black', 'P2'],
    ['threat', 'Your courier said he would smash my windows', 'P2'],
    ['legal', 'My solicitor will be in touch about this', 'P2'],
    ['regulator', 'I am reporting you to the ombudsman', 'P2'],
    ['press', 'I am a journalist writing about your outage', 'P2'],
    ['essential_service', 'Internet down for three days and I cannot work from home', 'P2'],
  ])('%s reaches its floor at 10 followers and is stored on the case', async (harm, text, floor) => {
    core = makeCore();
    await ingestMentions(core.ingest, [parsed(mention({ id: 'h', author: small('h'), text }))]);
    const row = core.handle.db.select().from(cases).get()!;
    expect(row.harm).toContain(harm);
    expect(row.priority <= floor).toBe(true);
  });

  it('a configured floor wins over the default (harm.fraud = P1)', async () => {
    core = makeCore();
    core.ingest.harm = harmConfigSchema.parse({ fraud: 'P1' });
    await ingestMentions(core.ingest, [
      parsed(mention({ id: 'p', author: small('p'), text: 'Three payments on my card that I never made' })),
    ]);
    expect(core.handle.db.select().from(cases).get()!.priority).toBe('P1');
  });

  it('spam is stored and counted, P4 and marked "no action": not actionable in the metrics', async () => {
    core = makeCore();
    await ingestMentions(core.ingest, [
      parsed(
        mention({ id: 's1', author: small('s1'), text: 'Earn £500 a day from home!!! Link in bio 🚀', createdAt: '2026-11-23T09:00:00Z' }),
      ),
      parsed(mention({ id: 's2', author: small('s2'), text: 'My parcel never arrived', createdAt: '2026-11-23T09:00:00Z' })),
    ]);
    const [spam, real] = core.handle.db.select().from(cases).orderBy(cases.id).all();
    expect(spam).toMatchObject({ priority: 'P4', intent: 'spam', actionable: false });
    expect(real).toMatchObject({ intent: 'complaint', actionable: true });
    const view = loadCaseView(core.handle.db, spam!.id, core.clock.now(), core.cases.sla)!;
    expect(view.actionable).toBe(false);
    const report = computeReport(
      loadCaseFacts(core.handle.db, parseWindow('24h', core.clock.now())),
      parseWindow('24h', core.clock.now()),
      core.clock.now(),
      core.cases.sla,
    );
    expect(report.overall.total).toBe(2);
    expect(report.overall.actionable).toBe(1);
  });

  it('cards.minPriority: a case below it is stored and listed by queue but gets no card until it rises', async () => {
    core = makeCore();
    core.ingest.minCardPriority = 'P3';
    const author = small('m');
    await ingestMentions(core.ingest, [
      parsed(mention({ id: 'm1', author, conversationId: 'm', text: 'What time does the Leeds store open on Sunday?' })),
    ]);
    const row = core.handle.db.select().from(cases).get()!;
    expect(row.priority).toBe('P4');
    expect(core.handle.db.select().from(outbox).where(eq(outbox.kind, 'card.post')).all()).toEqual([]);
    const opened = core.handle.db.select().from(caseEvents).where(eq(caseEvents.kind, 'opened')).get()!;
    expect(opened.detail).toMatchObject({ carded: false });
    expect(
      listQueue(core.handle.db, { kind: 'priority', priority: 'P4' }, core.clock.now(), core.cases.sla).views.map((v) => v.id),
    ).toEqual([row.id]);

    await ingestMentions(core.ingest, [
      parsed(
        mention({
          id: 'm2',
          author,
          conversationId: 'm',
          text: 'Still no answer and now my order has been cancelled without telling me, this is ridiculous',
        }),
      ),
    ]);
    const raised = core.handle.db.select().from(cases).get()!;
    expect(['P1', 'P2', 'P3']).toContain(raised.priority);
    const posts = core.handle.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.kind, 'card.post'), eq(outbox.caseId, row.id)))
      .all();
    expect(posts).toHaveLength(1);
  });

  it('a language the scorer cannot read is marked "not scored on text" and never left at P4 for that alone', async () => {
    core = makeCore();
    await ingestMentions(core.ingest, [
      parsed(mention({ id: 'it', author: small('it'), text: 'Il mio pacco non è mai arrivato e nessuno risponde alle mie email' })),
    ]);
    const row = core.handle.db.select().from(cases).get()!;
    expect(row).toMatchObject({ language: 'it', priority: 'P3' });
    expect(row.reasons).toContain('not scored on text (Italian)');
    const view = loadCaseView(core.handle.db, row.id, core.clock.now(), core.cases.sla)!;
    expect(view.language).toEqual({ code: 'it', name: 'Italian', scored: false });
  });
});
