import { afterEach, describe, expect, it } from 'vitest';
import { createWebClient } from '../../adapters/slack/client.js';
import { SlackPeople } from '../../adapters/slack/people.js';
import { resolveSlackTarget } from '../../adapters/slack/listeners/commands/klaxon.js';
import { LocalSlackApi } from '../../dev/sandbox/slack-api/server.js';
import { SlackWorkspace } from '../../dev/sandbox/slack-api/store.js';
import { ManualClock } from '../../src/clock.js';
import { createLogger } from '../../src/log.js';

describe('Slack people are named as people know them (users.info through the real web client)', () => {
  let close: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await close?.();
    close = null;
  });

  async function setup() {
    const clock = new ManualClock('2026-11-23T10:00:00Z');
    const workspace = new SlackWorkspace({
      now: () => clock.now().getTime(),
      users: [{ id: 'UALEX', name: 'alex', realName: 'Alex Rivera' }],
      channels: [{ id: 'CBILLING', name: 'billing-team' }],
    });
    const api = new LocalSlackApi(workspace);
    const server = await api.listen();
    close = server.close;
    const logger = createLogger({ level: 'silent' });
    const people = new SlackPeople(createWebClient({ token: 'xoxb-test', apiUrl: server.url, logger, retries: 0 }), clock, logger);
    return { clock, workspace, people };
  }

  it(
    'uses the full name, asks Slack once an hour, ' + 'and falls back to the username (never an id) for someone Slack does not know',
    async () => {
      const { clock, workspace, people } = await setup();
      expect(await people.actor('UALEX', 'alex')).toEqual({ id: 'slack:UALEX', name: 'Alex Rivera', platform: 'slack' });
      expect(await people.name('UALEX')).toBe('Alex Rivera');
      expect(workspace.callsTo('users.info')).toHaveLength(1);
      clock.advance(61 * 60_000);
      await people.name('UALEX');
      expect(workspace.callsTo('users.info')).toHaveLength(2);

      expect(await people.actor('UGONE', 'gone.user')).toEqual({ id: 'slack:UGONE', name: 'gone.user', platform: 'slack' });
      expect(await people.name('UGONE')).toBeNull();
      expect(await people.channelName('CBILLING')).toBe('billing-team');
      expect(await people.channelName('CNOPE')).toBeNull();
    },
  );

  it('a mentioned person or channel in a command is named from the lookups, then from Slack’s own label', () => {
    const names = new Map([['UALEX', 'Alex Rivera'] as const, ['CBILLING', 'billing-team'] as const]);
    expect(resolveSlackTarget('<@UALEX|alex>', names)).toEqual({ kind: 'user', platform: 'slack', id: 'UALEX', name: 'Alex Rivera' });
    expect(resolveSlackTarget('<@USAM|sam>')).toEqual({ kind: 'user', platform: 'slack', id: 'USAM', name: 'sam' });
    expect(resolveSlackTarget('<#CBILLING>', names)).toEqual({ kind: 'channel', platform: 'slack', id: 'CBILLING', name: 'billing-team' });
    expect(resolveSlackTarget('<#COTHER|other-team>', names)).toEqual({
      kind: 'channel',
      platform: 'slack',
      id: 'COTHER',
      name: 'other-team',
    });
  });
});
