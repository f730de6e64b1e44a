import type { WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { asCommandAnswer, guarded, onForm, privately } from '../../adapters/slack/listeners/guard.js';
import { INTERNAL_ERROR_MESSAGE, KlaxonError } from '../../src/errors.js';
import { createLogger } from '../../src/log.js';

function recorder() {
  const logged: string[] = [];
  const calls: { what: string; arg: unknown }[] = [];
  const record = (what: string) => async (arg?: unknown) => {
    calls.push({ what, arg });
  };
  const client = { chat: { postEphemeral: record('postEphemeral') } } as unknown as WebClient;
  return { logger: createLogger({ level: 'info', write: (l) => logged.push(l) }), logged, calls, record, client };
}

const fail = (error: unknown) => async (args: { ack: (...a: never[]) => Promise<void> }, ackFirst: boolean) => {
  if (ackFirst) await args.ack();
  throw error;
};

describe('the one error handler of the Slack listeners', () => {
  it('a button: an unexpected error is logged once and the person is told privately, acknowledged exactly once', async () => {
    for (const ackFirst of [false, true]) {
      const r = recorder();
      const args = { ack: r.record('ack'), body: { user: { id: 'U1' }, channel: { id: 'C1' } }, client: r.client };
      await guarded(r.logger, 'Claim', (a: typeof args) => fail(new Error('disk full'))(a, ackFirst), privately)(args);
      expect(r.calls.map((c) => c.what)).toEqual(['ack', 'postEphemeral']);
      expect(r.calls[1]!.arg).toEqual({ channel: 'C1', user: 'U1', text: INTERNAL_ERROR_MESSAGE });
      expect(r.logged).toHaveLength(1);
      expect(r.logged[0]).toContain('Slack Claim failed');
    }
  });

  it('a refusal that escapes a listener is told in its own words and not logged as a failure', async () => {
    const r = recorder();
    const args = { ack: r.record('ack'), body: { user: { id: 'U1' }, channel: { id: 'C1' } }, client: r.client };
    await guarded(
      r.logger,
      'Claim',
      (a: typeof args) => fail(new KlaxonError('conflict', 'K-1 is already claimed by bob.'))(a, true),
      privately,
    )(args);
    expect(r.calls[1]!.arg).toMatchObject({ text: 'K-1 is already claimed by bob.' });
    expect(r.logged).toEqual([]);
  });

  it('a form: the apology is shown on its block when Slack was not answered yet, and nothing is sent twice', async () => {
    const r = recorder();
    const form = { ack: r.record('ack') } as never;
    await guarded(
      r.logger,
      'reply form',
      (a: { ack: () => Promise<void> }) => fail(new Error('x'))(a, false),
      onForm(() => 'text_0'),
    )(form);
    expect(r.calls).toEqual([{ what: 'ack', arg: { response_action: 'errors', errors: { text_0: INTERNAL_ERROR_MESSAGE } } }]);
    const acked = recorder();
    await guarded(
      acked.logger,
      'reply form',
      (a: { ack: () => Promise<void> }) => fail(new Error('x'))(a, true),
      onForm(() => 'text_0'),
    )({ ack: acked.record('ack') } as never);
    expect(acked.calls.map((c) => c.what)).toEqual(['ack']);
    const closes = recorder();
    await guarded(
      closes.logger,
      'send-as-DM form',
      (a: { ack: () => Promise<void> }) => fail(new Error('x'))(a, false),
      onForm(null),
    )({ ack: closes.record('ack') } as never);
    expect(closes.calls).toEqual([{ what: 'ack', arg: { response_action: 'clear' } }]);
  });

  it('a slash command: the apology is the answer, or follows it through the response URL', async () => {
    for (const ackFirst of [false, true]) {
      const r = recorder();
      const args = { ack: r.record('ack'), respond: r.record('respond') };
      await guarded(r.logger, '/klaxon', (a: typeof args) => fail(new Error('x'))(a, ackFirst), asCommandAnswer)(args);
      const told = r.calls[r.calls.length - 1]!;
      expect(told).toEqual({ what: ackFirst ? 'respond' : 'ack', arg: { response_type: 'ephemeral', text: INTERNAL_ERROR_MESSAGE } });
      expect(r.calls.filter((c) => c.what === 'ack')).toHaveLength(1);
    }
  });

  it('a listener that succeeds is left alone', async () => {
    const r = recorder();
    const args = { ack: r.record('ack'), body: { user: { id: 'U1' } }, client: r.client };
    await guarded(r.logger, 'Claim', async (a: typeof args) => a.ack(), privately)(args);
    expect(r.calls.map((c) => c.what)).toEqual(['ack']);
    expect(r.logged).toEqual([]);
  });
});
