import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { caseEvents, cases, mentions, outbox } from '../../db/schema/index.js';
import { editMentions } from '../../src/ingest/edit.js';
import { ingestMentions } from '../../src/ingest/ingest.js';
import { makeCore, parsed } from '../helpers/core.js';

/** Edits of stored mentions go through the case mutator: row, version, audit row and card update together. */
describe('editing a mention', () => {
  it('updates the text and the case, with an audit row and a card update; a repeat and an unknown id do nothing', async () => {
    const core = makeCore();
    await ingestMentions(core.ingest, [
      parsed({ id: 'r1', source: 'review', text: 'Lovely place', createdAt: '2026-11-23T09:00:00Z', rating: 5 } as never),
    ]);
    const before = core.handle.db.select().from(cases).get()!;
    const updatesBefore = core.handle.db.select().from(outbox).where(eq(outbox.kind, 'card.update')).all().length;
    const edit = {
      source: 'review',
      id: 'r1',
      text: 'They lost my passport and nobody calls back',
      rating: 1,
      editedAt: new Date('2026-11-23T10:00:00Z'),
    };
    expect(await editMentions(core.ingest, [edit])).toMatchObject({ edited: 1, unchanged: 0, unknown: 0, touched: [before.id] });
    const after = core.handle.db.select().from(cases).get()!;
    expect(after.score).toBeGreaterThan(before.score);
    expect(after.version).toBe(before.version + 1);
    expect(core.handle.db.select().from(caseEvents).where(eq(caseEvents.kind, 'mention_edited')).all()).toHaveLength(1);
    expect(core.handle.db.select().from(outbox).where(eq(outbox.kind, 'card.update')).all().length).toBe(updatesBefore + 1);
    const thread = core.handle.db
      .select()
      .from(outbox)
      .where(eq(outbox.kind, 'thread.post'))
      .all()
      .map((r) => (r.payload as { text: string }).text);
    expect(thread.at(-1)).toMatch(/^✏️ The customer edited their message \(now rated 1\/5, was 5\/5\); score \d+ → \d+; P4 → P[12]$/);
    expect(await editMentions(core.ingest, [edit])).toMatchObject({ edited: 0, unchanged: 1 });
    expect(await editMentions(core.ingest, [{ ...edit, id: 'nope' }])).toMatchObject({ edited: 0, unknown: 1 });
    expect((await editMentions(core.ingest, [{ ...edit, text: '' }])).invalid).toEqual([{ id: 'r1', reason: 'text must not be empty' }]);
    core.handle.close();
  });

  it('an edit that calms the first message never lowers the case below a stronger follow-up', async () => {
    const core = makeCore();
    const at = '2026-11-23T09:00:00Z';
    await ingestMentions(core.ingest, [
      parsed({
        id: 'c1',
        source: 'facebook',
        author: { id: 'jane' },
        conversationId: 'post:1',
        text: 'My bill is wrong and I am furious, I will take legal action!',
        createdAt: at,
      }),
      parsed({
        id: 'c2',
        source: 'facebook',
        author: { id: 'jane' },
        conversationId: 'post:1',
        text: 'My solicitor will be in touch about this fraud',
        createdAt: at,
      }),
    ]);
    expect(core.handle.db.select().from(cases).all()).toHaveLength(1);
    const followUp = core.handle.db.select().from(mentions).where(eq(mentions.externalId, 'c2')).get()!.score!;
    await editMentions(core.ingest, [{ source: 'facebook', id: 'c1', text: 'thanks, all sorted', editedAt: new Date(at) }]);
    const edited = core.handle.db.select().from(mentions).where(eq(mentions.externalId, 'c1')).get()!;
    expect(edited.score!).toBeLessThan(followUp);
    const row = core.handle.db.select().from(cases).get()!;
    expect(row.score).toBe(followUp);
    expect(core.handle.db.select().from(caseEvents).where(eq(caseEvents.kind, 'mention_edited')).get()?.detail).toMatchObject({
      score: followUp,
    });
    core.handle.close();
  });
});
