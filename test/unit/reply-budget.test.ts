import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replyBudgetFor } from '../../app/settings.js';
import { replyCase } from '../../src/cases/verbs/reply.js';
import { ingestMentions } from '../../src/ingest/ingest.js';
import type { ReplySource } from '../../src/ports.js';
import { codePointCount, graphemeCount, PLAIN_REPLY_BUDGETS, withReplyBudget } from '../../src/replies/budget.js';
import { makeCore, parsed } from '../helpers/core.js';
import { mention } from '../helpers/ingest.js';

/** A delivery that records what it was asked to send (a webhook bridge has no rule of its own). */
function bridge(source: string): ReplySource & { sent: string[] } {
  const sent: string[] = [];
  return {
    source,
    sent,
    replyPublic: async (i) => {
      sent.push(i.text);
      return { id: '1' };
    },
    sendPrivate: async (i) => {
      sent.push(i.text);
      return { id: '2' };
    },
  };
}

describe('reply budgets per source', () => {
  it('X counts as X does (links 23, emoji 2) whichever way its replies are delivered', () => {
    const x = replyBudgetFor('twitter')!;
    expect(x.limit).toBe(280);
    expect(x.measure('hello')).toBe(5);
    expect(x.measure(`see https://example.com/${'a'.repeat(200)}`)).toBe(4 + 23);
    expect(x.measure('😀')).toBe(2);
    expect(replyBudgetFor('x')).toBe(x);
    expect(replyBudgetFor('email')).toBeNull();
    expect(replyBudgetFor('__proto__')).toBeNull();
    expect(replyBudgetFor('bluesky')!.measure('👍🏽 ok')).toBe(4);
  });

  it('a webhook-delivered source gets a live measure and refuses a public reply over budget, never a private one', () => {
    const wrapped = withReplyBudget(bridge('twitter'), replyBudgetFor('twitter'));
    expect(wrapped.measure!('x'.repeat(368))).toEqual({ used: 368, limit: 280 });
    expect(wrapped.validate!('x'.repeat(368), 'public')).toMatch(/368 weighted characters .* at most 280: shorten it by 88/);
    expect(wrapped.validate!('x'.repeat(280), 'public')).toBeNull();
    expect(wrapped.validate!('x'.repeat(368), 'private')).toBeNull();
    // A source with its own rule keeps it; no budget, no change.
    const own = { ...bridge('twitter'), measure: () => ({ used: 1, limit: 2 }) };
    expect(withReplyBudget(own, replyBudgetFor('twitter'))).toBe(own);
    const email = bridge('email');
    expect(withReplyBudget(email, null)).toBe(email);
  });

  it('the reply verb refuses an over-budget public reply before anything is queued', async () => {
    const delivery = bridge('twitter');
    const core = makeCore({ replySources: new Map([['twitter', withReplyBudget(delivery, replyBudgetFor('twitter'))]]) });
    const caseId = (await ingestMentions(core.ingest, [parsed(mention({ id: 'm1' }))])).opened[0]!;
    const actor = { id: 'slack:UALEX', name: 'Alex Rivera', platform: 'slack' };
    await expect(replyCase({ ctx: core.cases, input: { caseId, actor, text: 'y'.repeat(368), mode: 'public' } })).rejects.toThrow(
      /at most 280/,
    );
    expect(
      core.handle.db.query.outbox
        .findMany()
        .sync()
        .filter((r) => r.kind === 'reply.public'),
    ).toEqual([]);
    // Signed, a reply that fits with room for the initials is accepted.
    expect(
      (await replyCase({ ctx: core.cases, input: { caseId, actor, text: 'z'.repeat(270), mode: 'public', sign: true } })).changed,
    ).toBe(true);
    core.handle.close();
  });

  it('counts never exceed the UTF-16 length, and graphemes never exceed code points', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 50 }), (text) => {
        expect(codePointCount(text)).toBeLessThanOrEqual(text.length);
        expect(graphemeCount(text)).toBeLessThanOrEqual(codePointCount(text));
        for (const budget of Object.values(PLAIN_REPLY_BUDGETS))
          expect(budget.measure(text)).toBeGreaterThanOrEqual(text.length === 0 ? 0 : 1);
      }),
    );
  });
});
