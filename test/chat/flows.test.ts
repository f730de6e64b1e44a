import { afterEach, describe, expect, it } from 'vitest';
import { cases, mentions, outbox } from '../../db/schema/index.js';
import { tellPerson, refusalOf } from '../../src/chat/failure.js';
import { pickSavedReply, prepareForm } from '../../src/chat/forms.js';
import { sendDraftPrivately, submitReply } from '../../src/chat/reply.js';
import { CHAT_TEXT } from '../../src/chat/text.js';
import { ERROR_CODES, INTERNAL_ERROR_MESSAGE, KlaxonError } from '../../src/errors.js';
import { ingestMentions } from '../../src/ingest/ingest.js';
import { createLogger } from '../../src/log.js';
import type { ReplyInput, ReplySource } from '../../src/ports.js';
import { makeCore, parsed, type Core } from '../helpers/core.js';
import { mention } from '../helpers/ingest.js';

const alice = { id: 'slack:UALICE', name: 'Alice Smith', platform: 'slack' };
const bob = { id: 'slack:UBOB', name: 'Bob', platform: 'slack' };
const eve = { id: 'slack:UEVE', name: 'Eve', platform: 'slack' };
const saved = [{ id: 'sorry', title: 'Sorry', text: 'Hi {first_name}, sorry about {case}!' }];

/** A reply source that takes 280 characters in public and records what the customer would read. */
function recordingSource(): ReplySource & { sent: string[] } {
  const sent: string[] = [];
  return {
    source: 'review',
    sent,
    measure: (text) => ({ used: text.length, limit: 280 }),
    validate: (text, mode) =>
      mode === 'public' && text.length > 280 ? `This reply is ${text.length} characters and review takes at most 280.` : null,
    async replyPublic(input: ReplyInput) {
      sent.push(input.text);
      return { id: `r${sent.length}` };
    },
    async sendPrivate(input: ReplyInput) {
      sent.push(input.text);
      return { id: `p${sent.length}` };
    },
  };
}

function lines(): { logger: ReturnType<typeof createLogger>; written: string[] } {
  const written: string[] = [];
  return { logger: createLogger({ level: 'info', write: (line) => written.push(line) }), written };
}

describe('chat flows of the core (src/chat): what Slack and Teams both call', () => {
  let core: Core;
  afterEach(() => core.handle.close());

  async function start(): Promise<{
    deps: { cases: Core['cases']; savedReplies: typeof saved; signReplies: boolean };
    source: ReturnType<typeof recordingSource>;
  }> {
    const source = recordingSource();
    core = makeCore({ agents: ['slack:UALICE', 'slack:UBOB'], replySources: new Map([['review', source]]) });
    await ingestMentions(core.ingest, [
      parsed(mention({ id: 'f1', source: 'review', author: { id: 'c1', handle: 'jane', name: 'Jane Doe' } })),
    ]);
    return { deps: { cases: core.cases, savedReplies: saved, signReplies: true }, source };
  }

  it('prepareForm: the Reply form with saved replies, the default signature, the source count and what was typed', async () => {
    const { deps } = await start();
    const form = prepareForm(deps, 'reply', 1, alice, 'draft text');
    expect(form.ok).toBe(true);
    if (!form.ok) return;
    expect(form.view.ref).toBe('K-1');
    expect(form.reply).toMatchObject({ saved, text: 'draft text', sign: true, agentName: 'Alice Smith', appliedSaved: null });
    expect(form.reply?.measure?.('abc')).toEqual({ used: 3, limit: 280 });
    expect(prepareForm(deps, 'handoff', 1, alice)).toMatchObject({ ok: true, reply: null });
  });

  it('prepareForm: says at once why not — may not act, no such case, resolved, no public reply', async () => {
    const { deps } = await start();
    expect(prepareForm(deps, 'dm', 1, eve)).toEqual({ ok: false, message: expect.stringContaining('permissions.agents') });
    expect(prepareForm(deps, 'reply', 99, alice)).toEqual({ ok: false, message: ERROR_CODES.not_found });
    core.handle.db
      .update(mentions)
      .set({ publicReply: { possible: false, why: 'the post does not name the brand' } })
      .run();
    expect(prepareForm(deps, 'reply', 1, alice)).toEqual({
      ok: false,
      message: expect.stringContaining('cannot be answered in public on review: the post does not name the brand'),
    });
    expect(prepareForm(deps, 'dm', 1, alice).ok).toBe(true);
    core.handle.db.update(cases).set({ state: 'resolved' }).run();
    for (const kind of ['reply', 'dm', 'handoff', 'escalate'] as const)
      expect(prepareForm(deps, kind, 1, alice)).toEqual({ ok: false, message: CHAT_TEXT.resolved('K-1') });
    expect(prepareForm(deps, 'resolve', 1, alice).ok).toBe(true);
  });

  it('pickSavedReply: fills the variables for the case; an id that names nothing picks nothing', async () => {
    const { deps } = await start();
    const form = prepareForm(deps, 'reply', 1, alice);
    if (!form.ok) throw new Error(form.message);
    expect(pickSavedReply(saved, 'sorry', form.view)).toEqual({ id: 'sorry', text: 'Hi Jane, sorry about K-1!' });
    expect(pickSavedReply(saved, 'nope', form.view)).toBeNull();
    expect(pickSavedReply(saved, null, form.view)).toBeNull();
  });

  it('submitReply: queued; a privacy refusal keeps a draft that goes out privately once, for its author only', async () => {
    const { deps } = await start();
    const queued = await submitReply(deps.cases, { caseId: 1, actor: alice, text: 'On its way', mode: 'public' });
    expect(queued).toMatchObject({ kind: 'queued', result: { caseId: 1, message: 'Reply to K-1 queued.' } });
    const refused = await submitReply(deps.cases, {
      caseId: 1,
      actor: alice,
      text: 'Your card 4111 1111 1111 1111 was refunded',
      mode: 'public',
    });
    expect(refused).toMatchObject({ kind: 'privacy_blocked', message: expect.stringMatching(/card/i) });
    if (refused.kind !== 'privacy_blocked') return;
    expect(await sendDraftPrivately(deps.cases, refused.draftKey, bob)).toBeNull();
    expect(await sendDraftPrivately(deps.cases, refused.draftKey, alice)).toMatchObject({ caseId: 1, changed: true });
    expect(await sendDraftPrivately(deps.cases, refused.draftKey, alice)).toBeNull();
    expect(
      core.handle.db
        .select()
        .from(outbox)
        .all()
        .filter((r) => r.kind.startsWith('reply.'))
        .map((r) => r.kind),
    ).toEqual(['reply.public', 'reply.private']);
  });

  it('submitReply: any other refusal is thrown as it came (the form shows it), and nothing is kept', async () => {
    const { deps } = await start();
    await expect(submitReply(deps.cases, { caseId: 1, actor: eve, text: 'Hello', mode: 'public' })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(submitReply(deps.cases, { caseId: 1, actor: alice, text: 'x'.repeat(300), mode: 'public' })).rejects.toBeInstanceOf(
      KlaxonError,
    );
    expect(
      core.handle.db
        .select()
        .from(outbox)
        .all()
        .filter((r) => r.kind.startsWith('reply.')),
    ).toEqual([]);
  });
});

describe('what a person is told when a chat flow fails', () => {
  it('a refusal in its own words, not logged; anything else logged once, with the apology', () => {
    const { logger, written } = lines();
    expect(tellPerson(new KlaxonError('conflict'), logger, 'Slack Claim')).toBe(ERROR_CODES.conflict);
    expect(written).toEqual([]);
    expect(tellPerson(new Error('database is locked'), logger, 'Slack Claim')).toBe(INTERNAL_ERROR_MESSAGE);
    expect(written).toHaveLength(1);
    expect(written[0]).toContain('Slack Claim failed');
    expect(written[0]).toContain('database is locked');
  });

  it('refusalOf: a value, or a refusal with its code; other errors are not its to swallow', async () => {
    expect(await refusalOf(() => 42)).toEqual({ ok: true, value: 42 });
    expect(await refusalOf(() => Promise.reject(new KlaxonError('not_found')))).toEqual({
      ok: false,
      message: ERROR_CODES.not_found,
      code: 'not_found',
    });
    await expect(refusalOf(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  });
});
