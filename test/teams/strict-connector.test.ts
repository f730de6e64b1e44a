import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRIAGE } from './activities.js';
import { FakeBotFramework } from './fake-bot-framework.js';
import { FakeConnector } from './fake-connector.js';
import { ConversationPacing } from './strict-rules.js';

/** The strict connector refuses what Teams refuses, answering as Teams answers. */
describe('the fake Teams connector enforces Teams’ rules', () => {
  let bf: FakeBotFramework;
  let connector: FakeConnector;
  let token: string;
  let now = 1_700_000_000_000;
  beforeAll(async () => {
    bf = new FakeBotFramework();
    await bf.listen();
    connector = new FakeConnector({ auth: bf, pacing: new ConversationPacing(() => now) });
    await connector.listen();
    const res = await fetch(`${bf.url}/${bf.tenant}/oauth2/v2.0/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: bf.appId,
        client_secret: bf.appPassword,
        scope: `${bf.oauthScope}/.default`,
      }),
    });
    token = ((await res.json()) as { access_token: string }).access_token;
  });
  afterAll(async () => {
    await connector.close();
    await bf.close();
  });

  let conversation = 0;
  async function post(activity: unknown, to = `${TRIAGE}-${++conversation}`): Promise<{ status: number; body: any; headers: Headers }> {
    const res = await fetch(`${connector.url}v3/conversations/${encodeURIComponent(to)}/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(activity),
    });
    return { status: res.status, body: await res.json(), headers: res.headers };
  }
  const card = (content: Record<string, unknown>) => ({
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        content: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'hi' }], ...content },
      },
    ],
  });

  it('accepts a plain 1.5 card', async () => {
    expect((await post(card({}))).status).toBe(200);
  });

  it('refuses a message over about 100 KB counted as UTF-16 (413 MessageSizeTooBig), not counting base64 images', async () => {
    const big = await post({ type: 'message', text: 'é'.repeat(52_000) });
    expect(big).toMatchObject({ status: 413, body: { error: { code: 'MessageSizeTooBig' } } });
    // 52,000 characters are 52 KB as UTF-8 but 104 KB as UTF-16.
    expect(Buffer.byteLength('é'.repeat(52_000))).toBeLessThan(110_000);
    const image = `data:image/png;base64,${Buffer.alloc(150_000, 1).toString('base64')}`;
    expect((await post(card({ body: [{ type: 'Image', url: image }] }))).status).toBe(200);
  });

  it('refuses cards above schema 1.5, and unknown element and action types (400 BadArgument)', async () => {
    for (const bad of [
      card({ version: '1.6' }),
      card({ body: [{ type: 'Carousel', pages: [] }] }),
      card({ actions: [{ type: 'Action.Popover', title: 'x' }] }),
      card({ body: [{ type: 'RichTextBlock', inlines: [{ type: 'CitationRun', text: 'x' }] }] }),
      card({ body: [{ type: 'Input.Text' }] }),
    ]) {
      const res = await post(bad);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('BadArgument');
    }
  });

  it('refuses an OpenUrl to a scheme Teams does not open, and a mention not in any text', async () => {
    expect((await post(card({ actions: [{ type: 'Action.OpenUrl', title: 'x', url: 'javascript:alert(1)' }] }))).status).toBe(400);
    expect(
      (
        await post(
          card({ msteams: { entities: [{ type: 'mention', text: '<at>on-call</at>', mentioned: { id: 'x', name: 'on-call' } }] } }),
        )
      ).status,
    ).toBe(400);
  });

  it('allows 7 operations per second in a conversation, then 429 with Retry-After; the window slides', async () => {
    const to = '19:paced@thread.tacv2';
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      statuses.push((await post({ type: 'message', text: `m${i}` }, to)).status);
      now += 100;
    }
    const refused = await post({ type: 'message', text: 'm7' }, to);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200]);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    now += 350; // the first left the window
    expect((await post({ type: 'message', text: 'm8' }, to)).status).toBe(200);
    expect((await post({ type: 'message', text: 'm9' }, to)).status).toBe(429);
  });
});
