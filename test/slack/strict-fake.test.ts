import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockProblems, messageRefusal, viewProblems } from '../../dev/sandbox/slack-api/block-kit/blocks.js';
import { LocalSlackApi } from '../../dev/sandbox/slack-api/server.js';
import { SlackWorkspace } from '../../dev/sandbox/slack-api/store.js';
import { createWebClient } from '../../adapters/slack/client.js';
import { silentLogger } from '../../src/log.js';
import { commandProblems, payloadProblems } from './mrkdwn-safety.js';

const md = (text: string) => ({ type: 'mrkdwn', text, verbatim: true });
const plain = (text: string) => ({ type: 'plain_text', text });
const section = (text: string) => ({ type: 'section', text: md(text) });
const button = (over: Record<string, unknown> = {}) => ({ type: 'button', action_id: 'a', text: plain('Go'), value: '1', ...over });
const modal = (over: Record<string, unknown> = {}) => ({
  type: 'modal',
  title: plain('Title'),
  close: plain('Close'),
  blocks: [section('hi')],
  ...over,
});

describe('the strict Block Kit validator refuses what Slack documents it refuses', () => {
  it('accepts what sits exactly at each limit', () => {
    expect(messageRefusal({ text: 'x'.repeat(40_000), blocks: Array.from({ length: 50 }, () => section('x'.repeat(3000))) })).toBeNull();
    expect(
      viewProblems(
        modal({
          title: plain('x'.repeat(24)),
          submit: plain('s'.repeat(24)),
          close: plain('c'.repeat(24)),
          private_metadata: 'm'.repeat(3000),
          blocks: Array.from({ length: 100 }, () => ({ type: 'divider' })),
        }),
      ),
    ).toEqual([]);
  });

  it.each([
    [
      'a section text of 3,001 characters',
      [section('x'.repeat(3001))],
      'must be less than 3001 characters [json-pointer:/blocks/0/text/text]',
    ],
    ['51 blocks', Array.from({ length: 51 }, () => ({ type: 'divider' })), 'no more than 50 items allowed [json-pointer:/blocks]'],
    [
      '11 fields',
      [{ type: 'section', fields: Array.from({ length: 11 }, () => md('f')) }],
      'no more than 10 items allowed [json-pointer:/blocks/0/fields]',
    ],
    [
      'a field of 2,001',
      [{ type: 'section', fields: [md('f'.repeat(2001))] }],
      'must be less than 2001 characters [json-pointer:/blocks/0/fields/0/text]',
    ],
    [
      'a header of 151',
      [{ type: 'header', text: plain('h'.repeat(151)) }],
      'must be less than 151 characters [json-pointer:/blocks/0/text/text]',
    ],
    ['a mrkdwn header', [{ type: 'header', text: md('h') }], 'must be plain_text [json-pointer:/blocks/0/text/type]'],
    [
      '11 context elements',
      [{ type: 'context', elements: Array.from({ length: 11 }, () => md('c')) }],
      'no more than 10 items allowed [json-pointer:/blocks/0/elements]',
    ],
    [
      '26 actions',
      [{ type: 'actions', elements: Array.from({ length: 26 }, (_, i) => button({ action_id: `a${i}` })) }],
      'no more than 25 items allowed [json-pointer:/blocks/0/elements]',
    ],
    [
      'a button text of 76',
      [{ type: 'actions', elements: [button({ text: plain('b'.repeat(76)) })] }],
      'must be less than 76 characters [json-pointer:/blocks/0/elements/0/text/text]',
    ],
    [
      'a button value of 2,001',
      [{ type: 'actions', elements: [button({ value: 'v'.repeat(2001) })] }],
      'must be less than 2001 characters [json-pointer:/blocks/0/elements/0/value]',
    ],
    [
      'an action_id of 256',
      [{ type: 'actions', elements: [button({ action_id: 'a'.repeat(256) })] }],
      'must be less than 256 characters [json-pointer:/blocks/0/elements/0/action_id]',
    ],
    [
      'a block_id of 256',
      [{ type: 'divider', block_id: 'b'.repeat(256) }],
      'must be less than 256 characters [json-pointer:/blocks/0/block_id]',
    ],
    [
      'a repeated block_id',
      [
        { type: 'divider', block_id: 'x' },
        { type: 'divider', block_id: 'x' },
      ],
      'duplicate block_id [json-pointer:/blocks/1/block_id]',
    ],
    [
      'a repeated action_id in a block',
      [{ type: 'actions', elements: [button(), button()] }],
      'duplicate action_id [json-pointer:/blocks/0/elements/1/action_id]',
    ],
    ['an empty text', [section('')], 'must be more than 0 characters [json-pointer:/blocks/0/text/text]'],
    ['an unknown block type', [{ type: 'marquee' }], 'unsupported block type "marquee" [json-pointer:/blocks/0/type]'],
    ['an unknown property', [{ type: 'divider', colour: 'red' }], 'is not a valid property [json-pointer:/blocks/0/colour]'],
    [
      'a button style Slack does not have',
      [{ type: 'actions', elements: [button({ style: 'secondary' })] }],
      'must be primary or danger [json-pointer:/blocks/0/elements/0/style]',
    ],
  ])('refuses %s (invalid_blocks)', (_name, blocks, error) => {
    const refusal = messageRefusal({ text: 'fallback', blocks });
    expect(refusal?.error).toBe('invalid_blocks');
    expect(refusal?.errors).toContain(error);
  });

  it('refuses a top-level text over 40,000 (msg_too_long) and a message with nothing in it (no_text)', () => {
    expect(messageRefusal({ text: 'x'.repeat(40_001) })).toEqual({ error: 'msg_too_long' });
    expect(messageRefusal({ text: '  ' })).toEqual({ error: 'no_text' });
  });

  it.each([
    ['a title of 25', modal({ title: plain('t'.repeat(25)) }), 'must be less than 25 characters [json-pointer:/view/title/text]'],
    ['a submit of 25', modal({ submit: plain('s'.repeat(25)) }), 'must be less than 25 characters [json-pointer:/view/submit/text]'],
    ['a close of 25', modal({ close: plain('c'.repeat(25)) }), 'must be less than 25 characters [json-pointer:/view/close/text]'],
    [
      'private_metadata of 3,001',
      modal({ private_metadata: 'm'.repeat(3001) }),
      'must be less than 3001 characters [json-pointer:/view/private_metadata]',
    ],
    [
      '101 blocks',
      modal({ blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })) }),
      'no more than 100 items allowed [json-pointer:/view/blocks]',
    ],
    [
      'input blocks and no submit',
      modal({ blocks: [{ type: 'input', label: plain('L'), element: { type: 'plain_text_input', action_id: 't' } }] }),
      'is required when the view has input blocks [json-pointer:/view/submit]',
    ],
    [
      'a max_length of 3,001',
      modal({
        submit: plain('OK'),
        blocks: [{ type: 'input', label: plain('L'), element: { type: 'plain_text_input', action_id: 't', max_length: 3001 } }],
      }),
      'must be an integer from 1 to 3000 [json-pointer:/view/blocks/0/element/max_length]',
    ],
    [
      'an initial_value of 3,001',
      modal({
        submit: plain('OK'),
        blocks: [
          { type: 'input', label: plain('L'), element: { type: 'plain_text_input', action_id: 't', initial_value: 'v'.repeat(3001) } },
        ],
      }),
      'must be less than 3001 characters [json-pointer:/view/blocks/0/element/initial_value]',
    ],
    [
      'an initial_value longer than max_length',
      modal({
        submit: plain('OK'),
        blocks: [
          {
            type: 'input',
            label: plain('L'),
            element: { type: 'plain_text_input', action_id: 't', max_length: 10, initial_value: 'v'.repeat(11) },
          },
        ],
      }),
      'must not be longer than max_length [json-pointer:/view/blocks/0/element/initial_value]',
    ],
    [
      '101 select options',
      modal({
        blocks: [
          {
            type: 'section',
            text: md('s'),
            accessory: {
              type: 'static_select',
              action_id: 's',
              options: Array.from({ length: 101 }, (_, i) => ({ text: plain(`o${i}`), value: `v${i}` })),
            },
          },
        ],
      }),
      'no more than 100 items allowed [json-pointer:/view/blocks/0/accessory/options]',
    ],
    [
      'an option text of 76',
      modal({
        blocks: [
          {
            type: 'section',
            text: md('s'),
            accessory: { type: 'static_select', action_id: 's', options: [{ text: plain('o'.repeat(76)), value: 'v' }] },
          },
        ],
      }),
      'must be less than 76 characters [json-pointer:/view/blocks/0/accessory/options/0/text/text]',
    ],
  ])('refuses a modal with %s (invalid_arguments)', (_name, view, error) => {
    expect(viewProblems(view)).toContain(error);
  });

  it('input blocks belong in modals; in a message only when they dispatch actions', () => {
    expect(
      blockProblems([{ type: 'input', label: plain('L'), element: { type: 'plain_text_input', action_id: 't' } }], 'message'),
    ).toContain('input blocks in messages must set dispatch_action [json-pointer:/blocks/0]');
  });
});

describe('the injection check the property tests rely on', () => {
  it('flags every Slack command Klaxon did not make, raw &, and text Slack would auto-link', () => {
    expect(commandProblems('hello &lt;!here&gt; &amp; you', {})).toEqual([]);
    expect(commandProblems('hi <!here>', {})).toEqual(['command not made by Klaxon: <!here>']);
    expect(commandProblems('<@U0ADMIN>', { users: ['UOWNER'] })).toEqual(['command not made by Klaxon: <@U0ADMIN>']);
    expect(commandProblems('<@UOWNER>', { users: ['UOWNER'] })).toEqual([]);
    expect(commandProblems('<https://evil.example|Reset your password>', { urls: ['https://evil.example'] })).toEqual([
      'command not made by Klaxon: <https://evil.example|Reset your password>',
    ]);
    expect(commandProblems('<https://shop.example/1|Open on twitter>', { urls: ['https://shop.example/1'] })).toEqual([]);
    expect(commandProblems('Tom & Jerry', {})).toEqual(['raw & at 4']);
    expect(commandProblems('a < b', {})).toEqual(['unclosed < at 2']);
    expect(
      payloadProblems({ text: 'ok', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'see https://evil.example' } }] }, {}),
    ).toEqual(['mrkdwn 0 is not verbatim']);
  });
});

describe('the loopback Slack Web API, through the real web-api client', () => {
  const workspace = new SlackWorkspace({
    channels: [
      { id: 'CTRIAGE', name: 'triage' },
      { id: 'CPUBLIC', name: 'billing', botMember: false },
      { id: 'GPRIVATE', name: 'legal', isPrivate: true, botMember: false },
      { id: 'GMEMBER', name: 'leads', isPrivate: true },
    ],
  });
  const api = new LocalSlackApi(workspace);
  let served: Awaited<ReturnType<LocalSlackApi['listen']>>;
  let client: ReturnType<typeof createWebClient>;
  const failure = async (call: Promise<unknown>) => {
    const error = (await call.then(
      () => null,
      (e: unknown) => e,
    )) as { data?: Record<string, unknown> } | null;
    return error?.data ?? null;
  };

  beforeAll(async () => {
    served = await api.listen();
    client = createWebClient({ token: 'xoxb-test', apiUrl: served.url, logger: silentLogger, retries: 0 });
  });
  afterAll(() => served.close());

  it('answers an over-long section with invalid_blocks and the list of errors, and stores nothing', async () => {
    const data = await failure(client.chat.postMessage({ channel: 'CTRIAGE', text: 'x', blocks: [section('x'.repeat(3001))] as never }));
    expect(data).toMatchObject({
      ok: false,
      error: 'invalid_blocks',
      errors: ['must be less than 3001 characters [json-pointer:/blocks/0/text/text]'],
    });
    expect(workspace.topLevel('CTRIAGE')).toHaveLength(0);
    expect(workspace.refusals.at(-1)).toMatchObject({ method: 'chat.postMessage', error: 'invalid_blocks' });
  });

  it('answers a bad modal with invalid_arguments and what is wrong in response_metadata', async () => {
    const data = await failure(
      client.views.open({ trigger_id: 't', view: modal({ title: plain('A title far too long for Slack') }) as never }),
    );
    expect(data).toMatchObject({ ok: false, error: 'invalid_arguments' });
    expect((data?.response_metadata as { messages: string[] } | undefined)?.messages).toEqual([
      '[ERROR] must be less than 25 characters [json-pointer:/view/title/text]',
    ]);
  });

  it('refuses to post where the bot is not a member: not_in_channel for public, channel_not_found for private', async () => {
    expect(await failure(client.chat.postMessage({ channel: 'CPUBLIC', text: 'hi' }))).toMatchObject({ error: 'not_in_channel' });
    expect(await failure(client.chat.postMessage({ channel: 'GPRIVATE', text: 'hi' }))).toMatchObject({ error: 'channel_not_found' });
    expect(await failure(client.chat.postMessage({ channel: 'CNOWHERE', text: 'hi' }))).toMatchObject({ error: 'channel_not_found' });
    await client.chat.postMessage({ channel: 'GMEMBER', text: 'a private channel the bot was invited to' });
    await client.chat.postMessage({ channel: 'UALICE', text: 'a direct message' });
  });

  it('joins a public channel (conversations.join); a private one only takes an invitation', async () => {
    expect(await failure(client.conversations.join({ channel: 'GPRIVATE' }))).toMatchObject({ error: 'channel_not_found' });
    expect(await failure(client.conversations.join({ channel: 'GMEMBER' }))).toMatchObject({
      error: 'method_not_supported_for_channel_type',
    });
    const info = await client.conversations.info({ channel: 'CPUBLIC' });
    expect(info.channel).toMatchObject({ is_member: false, is_private: false });
    await client.conversations.join({ channel: 'CPUBLIC' });
    expect((await client.conversations.info({ channel: 'CPUBLIC' })).channel).toMatchObject({ is_member: true });
    await client.chat.postMessage({ channel: 'CPUBLIC', text: 'now a member' });
    expect(workspace.topLevel('CPUBLIC')).toHaveLength(1);
  });

  it('reads history in a window, newest first, at most `limit` messages', async () => {
    const ts = [];
    for (let i = 0; i < 5; i += 1) ts.push((await client.chat.postMessage({ channel: 'GMEMBER', text: `m${i}` })).ts!);
    const res = await client.conversations.history({ channel: 'GMEMBER', oldest: ts[1], latest: ts[3], inclusive: true, limit: 2 });
    expect(res.messages?.map((m) => m.text)).toEqual(['m3', 'm2']);
    expect(res.has_more).toBe(true);
    expect(await failure(client.conversations.history({ channel: 'GPRIVATE' }))).toMatchObject({ error: 'channel_not_found' });
  });
});
