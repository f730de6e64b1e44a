import { afterEach, describe, expect, it } from 'vitest';
import { runCardAction } from '../../adapters/teams/actions/dispatch.js';
import type { ActionInput } from '../../adapters/teams/actions/types.js';
import type { TeamsBotDeps } from '../../adapters/teams/context.js';
import { VERB } from '../../adapters/teams/verbs.js';
import { INTERNAL_ERROR_MESSAGE } from '../../src/errors.js';
import { ingestMentions } from '../../src/ingest/ingest.js';
import { createLogger } from '../../src/log.js';
import { makeCore, parsed, type Core } from '../helpers/core.js';
import { mention } from '../helpers/ingest.js';

const alice = { id: 'teams:alice', name: 'Alice', platform: 'teams' };

function input(data: Record<string, unknown>): ActionInput {
  return { data, actor: alice, teamId: null, tenantId: null, formId: null, lookupName: async () => null };
}

/** runCardAction is the one error handler of every Teams card action. */
describe('Teams card actions: one error handler', () => {
  let core: Core;
  afterEach(() => core.handle.close());

  async function deps(written: string[], failing: boolean): Promise<TeamsBotDeps> {
    core = makeCore({ platforms: ['teams'] });
    await ingestMentions(core.ingest, [parsed(mention({ id: 'e1' }))]);
    const db = failing
      ? new Proxy(core.handle.db, {
          get: (target, key, receiver) => {
            // Every transaction begins with a statement on the connection (db/transaction.ts): the disk fails there.
            if (key === 'run') throw new Error('SQLITE_IOERR: disk I/O error');
            return Reflect.get(target, key, receiver);
          },
        })
      : core.handle.db;
    return {
      cases: { ...core.cases, db },
      logger: createLogger({ level: 'info', write: (line) => written.push(line) }),
      vips: core.ingest.vips,
      savedReplies: [],
      signReplies: false,
      requestDigest: null,
      conversations: {} as TeamsBotDeps['conversations'],
      sendPrivately: async () => undefined,
    };
  }

  it('an unexpected failure is logged once and the clicker gets the apology, the card left as it was', async () => {
    const written: string[] = [];
    const result = await runCardAction(await deps(written, true), VERB.claim, input({ caseId: 1 }));
    expect(result).toEqual({ kind: 'message', text: INTERNAL_ERROR_MESSAGE });
    expect(written).toHaveLength(1);
    expect(written[0]).toContain('Teams card action klaxon.claim failed');
    expect(written[0]).toContain('disk I/O error');
  });

  it('a refusal is told in its own words and not logged', async () => {
    const written: string[] = [];
    const d = await deps(written, false);
    await runCardAction(d, VERB.claim, input({ caseId: 1 }));
    const again = await runCardAction(d, VERB.claim, {
      ...input({ caseId: 1 }),
      actor: { id: 'teams:bob', name: 'Bob', platform: 'teams' },
    });
    expect(again).toEqual({ kind: 'message', text: 'K-1 is already claimed by Alice.' });
    expect(await runCardAction(d, VERB.openReply, input({ caseId: 99 }))).toEqual({ kind: 'message', text: 'That case does not exist.' });
    expect(written).toEqual([]);
  });
});
