import { afterEach, describe, expect, it } from 'vitest';
import { caseEvents, cases, outbox } from '../../db/schema/index.js';
import { claimCase } from '../../src/cases/verbs/claim.js';
import { releaseCase } from '../../src/cases/verbs/release.js';
import { reopenCase } from '../../src/cases/verbs/reopen.js';
import { resolveCase } from '../../src/cases/verbs/resolve.js';
import { isKlaxonError } from '../../src/errors.js';
import { ingestMentions } from '../../src/ingest/ingest.js';
import { makeCore, parsed, type Core } from '../helpers/core.js';
import { mention } from '../helpers/ingest.js';

const alice = { id: 'slack:UALICE', name: 'alice', platform: 'slack' };
const bob = { id: 'slack:UBOB', name: 'bob', platform: 'slack' };
const lead = { id: 'slack:ULEAD', name: 'lead', platform: 'slack' };
const outsider = { id: 'slack:UOUT', name: 'out', platform: 'slack' };

async function errorCode(fn: () => unknown): Promise<string | null> {
  try {
    await fn();
    return null;
  } catch (error) {
    return isKlaxonError(error) ? error.code : 'unknown';
  }
}

describe('case verbs on a real database', () => {
  let core: Core;
  afterEach(() => core.handle.close());

  async function open(): Promise<void> {
    await ingestMentions(core.ingest, [parsed(mention({ id: 'v1' }))]);
  }

  it('claim: one wins, the other is told who owns it; a repeat by the owner changes nothing', async () => {
    core = makeCore();
    await open();
    expect((await claimCase({ ctx: core.cases, input: { caseId: 1, actor: alice } })).changed).toBe(true);
    expect(await claimCase({ ctx: core.cases, input: { caseId: 1, actor: alice } })).toMatchObject({
      changed: false,
      message: 'You already own K-1.',
    });
    try {
      await claimCase({ ctx: core.cases, input: { caseId: 1, actor: bob } });
      expect.unreachable();
    } catch (error) {
      expect(isKlaxonError(error, 'conflict')).toBe(true);
      expect((error as Error).message).toBe('K-1 is already claimed by alice.');
    }
    const row = core.handle.db.select().from(cases).get()!;
    expect(row.ownerId).toBe('slack:UALICE');
    expect(row.version).toBe(2);
    const events = core.handle.db.select().from(caseEvents).all();
    expect(events.filter((e) => e.kind === 'claimed')).toEqual([
      expect.objectContaining({ actor: 'slack:UALICE', actorName: 'alice', platform: 'slack' }),
    ]);
    const kinds = core.handle.db
      .select()
      .from(outbox)
      .all()
      .map((o) => o.kind);
    expect(kinds).toEqual(['card.post', 'card.update', 'thread.post']);
  });

  it('only the owner or a lead may resolve or release a claimed case', async () => {
    core = makeCore({ leads: ['ULEAD'] });
    await open();
    await claimCase({ ctx: core.cases, input: { caseId: 1, actor: alice } });
    expect(await errorCode(() => resolveCase({ ctx: core.cases, input: { caseId: 1, actor: bob } }))).toBe('forbidden');
    expect(await errorCode(() => releaseCase({ ctx: core.cases, input: { caseId: 1, actor: bob } }))).toBe('forbidden');
    expect((await resolveCase({ ctx: core.cases, input: { caseId: 1, actor: lead, note: 'refunded' } })).changed).toBe(true);
    expect(await resolveCase({ ctx: core.cases, input: { caseId: 1, actor: lead } })).toMatchObject({ changed: false });
    expect(core.handle.db.select().from(cases).get()).toMatchObject({ state: 'resolved', resolvedBy: 'lead' });
    expect((await reopenCase({ ctx: core.cases, input: { caseId: 1, actor: bob } })).changed).toBe(true);
    expect(core.handle.db.select().from(cases).get()).toMatchObject({ state: 'open', resolvedAt: null, ownerId: 'slack:UALICE' });
  });

  it('refuses people outside the configured agents, and changes nothing', async () => {
    core = makeCore({ agents: ['UALICE'] });
    await open();
    expect(await errorCode(() => claimCase({ ctx: core.cases, input: { caseId: 1, actor: outsider } }))).toBe('forbidden');
    expect(core.handle.db.select().from(cases).get()?.ownerId).toBeNull();
    expect(
      core.handle.db
        .select()
        .from(caseEvents)
        .all()
        .map((e) => e.kind),
    ).toEqual(['opened']);
  });

  it('an unknown case is a clear not_found', async () => {
    core = makeCore();
    expect(await errorCode(() => claimCase({ ctx: core.cases, input: { caseId: 99, actor: alice } }))).toBe('not_found');
  });
});
