import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PayloadRefusedError, RetryableError, TargetUnavailableError, type CaseView } from '../../src/ports.js';
import { loadCaseView } from '../../src/cases/view.js';
import { parseActivityRef } from '../../adapters/teams/ids.js';
import { alice, botAddedToTeam, TRIAGE } from './activities.js';
import { startTeamsHarness, type TeamsHarness } from './harness.js';

/**
 * What the Teams platform throws for each answer of the connector, through the real botbuilder
 * ConnectorClient (its RestError carries the status and Teams' code), as the outbox needs it:
 * a refused payload, a conversation it cannot reach, a passing failure, or a plain error.
 */
describe('connector answers, as the outbox understands them', () => {
  let h: TeamsHarness;
  let view: CaseView;
  let cardRef: string;
  beforeAll(async () => {
    // Pacing is tested elsewhere; here every call goes straight to the connector (no waiting).
    h = await startTeamsHarness({ agents: [alice.aadObjectId], limits: null, connectorPacing: null });
    await h.send(botAddedToTeam(h.connector.url));
    const id = await h.ingest({ text: 'The lift in our block has been broken for a week.' });
    view = loadCaseView(h.db.db, id, h.clock.now(), h.cases.sla)!;
    cardRef = (await h.teams.platform.postCard(TRIAGE, view)).ref;
  });
  afterAll(async () => {
    await h.close();
  });

  const post = () => h.teams.platform.postCard(TRIAGE, view);
  const update = () => h.teams.platform.updateCard(cardRef, view);
  const caught = async (call: () => Promise<unknown>) =>
    call().then(
      () => null,
      (error: unknown) => error,
    );

  it.each([
    [413, 'MessageSizeTooBig'],
    [413, 'RequestEntityTooLarge'],
    [400, 'BadArgument'],
    [400, 'BadSyntax'],
  ])('HTTP %i %s on a post or an update: the payload was refused (the core sends the short form)', async (status, code) => {
    for (const [call, method] of [
      [post, 'POST'],
      [update, 'PUT'],
    ] as const) {
      h.connector.failNext(1, { status, code, method });
      const error = await caught(call);
      expect(error).toBeInstanceOf(PayloadRefusedError);
      expect((error as PayloadRefusedError).code).toBe(code);
    }
  });

  it.each(['BotNotInConversationRoster', 'BotDisabledByAdmin', 'ConversationBlockedByUser', 'ForbiddenOperationException'])(
    'HTTP 403 %s: the conversation cannot take posts, and the message says what to do',
    async (code) => {
      h.connector.failNext(1, { status: 403, code, method: 'POST' });
      const error = await caught(post);
      expect(error).toBeInstanceOf(TargetUnavailableError);
      expect((error as TargetUnavailableError).code).toBe(code);
      expect((error as Error).message).toMatch(/Klaxon|Teams/);
    },
  );

  it('HTTP 404 ConversationNotFound: the conversation is gone; 404 on an update of a deleted card is only an error', async () => {
    h.connector.failNext(1, { status: 404, code: 'ConversationNotFound', method: 'POST' });
    expect(await caught(post)).toBeInstanceOf(TargetUnavailableError);
    const { conversationId } = parseActivityRef(cardRef);
    const missing = h.teams.platform.updateCard(`teams:${encodeURIComponent(conversationId)}:999`, view);
    const error = await caught(() => missing);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(TargetUnavailableError);
    expect(error).not.toBeInstanceOf(PayloadRefusedError);
    expect((error as Error).message).toContain('HTTP 404 ActivityNotFound');
  });

  it('a code named like an Object property (constructor, __proto__) is only an error', async () => {
    for (const code of ['constructor', '__proto__', 'toString']) {
      h.connector.failNext(1, { status: 403, code, method: 'POST' });
      const error = await caught(post);
      expect(error).not.toBeInstanceOf(TargetUnavailableError);
      expect((error as Error).message).toContain('HTTP 403');
    }
  });

  it('HTTP 412 PreconditionFailed is retried ("please try again"); 401 and 400 with another code are not', async () => {
    h.connector.failNext(1, { status: 412, code: 'PreconditionFailed', method: 'POST' });
    expect(await caught(post)).toBeInstanceOf(RetryableError);
    h.connector.failNext(1, { status: 400, code: 'InvalidConversationId', method: 'POST' });
    const other = await caught(post);
    expect(other).not.toBeInstanceOf(PayloadRefusedError);
    expect((other as Error).message).toContain('HTTP 400 InvalidConversationId');
    h.connector.failNext(1, { status: 401, code: 'Unauthorized', method: 'POST' });
    const denied = await caught(post);
    expect(denied).not.toBeInstanceOf(RetryableError);
    expect((denied as Error).message).toContain('HTTP 401');
  });
});
