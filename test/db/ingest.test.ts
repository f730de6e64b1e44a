import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { caseEvents, cases, mentions, outbox } from '../../db/schema/index.js';
import { ingestMentions } from '../../src/ingest/ingest.js';
import { makeCore, parsed, type Core } from '../helpers/core.js';
import { mention } from '../helpers/ingest.js';

describe('ingest on a real database', () => {
  let core: Core;
  afterEach(() => core.handle.close());

  it('stores a mention, opens a scored case with an audit row and a card intent in one go', async () => {
    core = makeCore();
    const result = await ingestMentions(core.ingest, [parsed(mention({ id: 'm1' }))]);
    expect(result).toMatchObject({ accepted: 1, duplicates: 0, opened: [1] });
    const row = core.handle.db.select().from(cases).get()!;
    expect(row).toMatchObject({ id: 1, state: 'open', source: 'twitter', route: { slack: 'CTRIAGE' }, mentionCount: 1 });
    expect(row.reasons.length).toBeGreaterThan(0);
    expect(
      core.handle.db
        .select()
        .from(caseEvents)
        .all()
        .map((e) => e.kind),
    ).toEqual(['opened']);
    const intents = core.handle.db.select().from(outbox).all();
    expect(intents.map((i) => [i.kind, i.target, i.caseId])).toEqual([['card.post', 'CTRIAGE', 1]]);
  });

  it('counts a repeated (source, id) as a duplicate and never opens a second case', async () => {
    core = makeCore();
    const m = parsed(mention({ id: 'dup' }));
    await ingestMentions(core.ingest, [m]);
    const again = await ingestMentions(core.ingest, [m, m]);
    expect(again).toMatchObject({ accepted: 0, duplicates: 2 });
    expect(core.handle.db.select().from(cases).all()).toHaveLength(1);
    expect(core.handle.db.select().from(mentions).all()).toHaveLength(1);
    // The same id on another source is another mention.
    await ingestMentions(core.ingest, [parsed(mention({ id: 'dup', source: 'facebook' }))]);
    expect(core.handle.db.select().from(cases).all()).toHaveLength(2);
  });

  it("joins the same author's follow-up on the same conversation to the open case", async () => {
    core = makeCore();
    const author = { id: '42', handle: 'jane', followers: 10 };
    await ingestMentions(core.ingest, [parsed(mention({ id: 'c1', author, conversationId: 'conv-1', text: 'my parcel is late' }))]);
    await ingestMentions(core.ingest, [
      parsed(mention({ id: 'c2', author, conversationId: 'conv-1', text: 'still waiting, nobody answers' })),
    ]);
    // Another author on the same conversation is another customer: a new case.
    await ingestMentions(core.ingest, [parsed(mention({ id: 'c3', author: { id: '43', handle: 'joe' }, conversationId: 'conv-1' }))]);
    const all = core.handle.db.select().from(cases).all();
    expect(all.map((c) => c.mentionCount)).toEqual([2, 1]);
    expect(core.handle.db.select().from(mentions).where(eq(mentions.externalId, 'c2')).get()?.caseId).toBe(1);
    expect(
      core.handle.db
        .select()
        .from(caseEvents)
        .where(eq(caseEvents.caseId, 1))
        .all()
        .map((e) => e.kind),
    ).toEqual(['opened', 'mention_added']);
  });

  it('joins a reply-in-thread (inReplyTo) from the same author', async () => {
    core = makeCore();
    const author = { id: '7', handle: 'sam' };
    await ingestMentions(core.ingest, [parsed(mention({ id: 't1', author }))]);
    await ingestMentions(core.ingest, [parsed(mention({ id: 't2', author, inReplyTo: 't1' }))]);
    expect(core.handle.db.select().from(cases).all()).toHaveLength(1);
  });

  it('records an outbound reply as the first response (answered outside), once', async () => {
    core = makeCore();
    await ingestMentions(core.ingest, [parsed(mention({ id: 'q1', createdAt: '2026-11-23T09:00:00Z' }))]);
    await ingestMentions(core.ingest, [
      parsed(
        mention({
          id: 'b1',
          direction: 'outbound',
          author: { handle: 'BrandCare' },
          inReplyTo: 'q1',
          createdAt: '2026-11-23T09:20:00Z',
          text: 'Sorry! DM us.',
        }),
      ),
      parsed(
        mention({
          id: 'b2',
          direction: 'outbound',
          author: { handle: 'BrandCare' },
          inReplyTo: 'q1',
          createdAt: '2026-11-23T09:40:00Z',
          text: 'Following up.',
        }),
      ),
    ]);
    const row = core.handle.db.select().from(cases).get()!;
    expect(row.firstResponseAt?.toISOString()).toBe('2026-11-23T09:20:00.000Z');
    expect(row.firstResponseVia).toBe('outside');
    expect(row.firstResponseBy).toBe('BrandCare');
    expect(core.handle.db.select().from(cases).all()).toHaveLength(1);
    expect(
      core.handle.db
        .select()
        .from(caseEvents)
        .all()
        .filter((e) => e.kind === 'answered_outside'),
    ).toHaveLength(1);
  });

  it('rolls the whole batch back when a write fails, so nothing is half-stored', async () => {
    core = makeCore();
    core.handle.exec("CREATE TRIGGER fail_events BEFORE INSERT ON case_events BEGIN SELECT RAISE(ABORT, 'boom'); END;");
    await expect(ingestMentions(core.ingest, [parsed(mention({ id: 'x1' })), parsed(mention({ id: 'x2' }))])).rejects.toThrow('boom');
    expect(core.handle.db.select().from(mentions).all()).toHaveLength(0);
    expect(core.handle.db.select().from(outbox).all()).toHaveLength(0);
  });

  it('a mention that cannot be stored is left out with its index; the rest of the batch is stored together', async () => {
    core = makeCore();
    core.handle.exec(
      'CREATE TRIGGER fail_one BEFORE INSERT ON cases WHEN (SELECT external_id FROM mentions WHERE id = NEW.first_mention_id) = ' +
        "'bad' BEGIN SELECT RAISE(ABORT, 'boom'); END;",
    );
    const result = await ingestMentions(core.ingest, [
      parsed(mention({ id: 'g1' })),
      parsed(mention({ id: 'bad' })),
      parsed(mention({ id: 'g2' })),
    ]);
    expect(result.accepted).toBe(2);
    expect(result.failed.map((f) => f.index)).toEqual([1]);
    expect(String(result.failed[0]!.error)).toContain('boom');
    expect(
      core.handle.db
        .select()
        .from(mentions)
        .all()
        .map((m) => m.externalId)
        .sort(),
    ).toEqual(['g1', 'g2']);
    expect(core.handle.db.select().from(cases).all()).toHaveLength(2);
    expect(core.handle.db.select().from(outbox).all()).toHaveLength(2);
    // The refused one can come again once it can be stored: it is not a duplicate.
    core.handle.exec('DROP TRIGGER fail_one');
    expect((await ingestMentions(core.ingest, [parsed(mention({ id: 'bad' }))])).accepted).toBe(1);
  });

  it('queues no card when no chat platform is configured', async () => {
    core = makeCore({ platforms: [] });
    await ingestMentions(core.ingest, [parsed(mention({ id: 'n1' }))]);
    expect(core.handle.db.select().from(cases).get()?.route).toEqual({});
    expect(core.handle.db.select().from(outbox).all()).toHaveLength(0);
  });
});
