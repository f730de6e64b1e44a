import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cases } from '../../db/schema/index.js';
import { TEST_SECRETS } from '../helpers/config.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { mention, postIngest } from '../helpers/ingest.js';
import { blockActionsBody, slackHeaders } from '../helpers/slack.js';
import { expectUnharmed, footprint, rawRequest, type RawResponse } from './helpers/fuzz.js';

const SECRET = TEST_SECRETS.SLACK_SIGNING_SECRET;
const FORM = 'application/x-www-form-urlencoded';
const nowSeconds = () => Math.floor(Date.now() / 1000);

function slackSignature(secret: string, ts: number | string, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
}

/**
 * Hostile input at `POST /slack/events` (Bolt's receiver behind our server). Unsigned, badly
 * signed, stale and tampered requests must be refused with 401 and change nothing; requests
 * that carry a valid signature but a malformed payload must not crash the server or change
 * anything (a 4xx, or 200 with no action).
 */
describe('POST /slack/events: signatures', () => {
  let h: Harness;
  let cardTs: string;

  beforeAll(async () => {
    h = await startHarness();
    const res = await postIngest(
      h.url,
      mention({ id: 'slack-fuzz-1', createdAt: h.clock.now().toISOString() }),
      TEST_SECRETS.INGEST_SECRET,
      h.clock.now(),
    );
    expect(res.status).toBe(202);
    await h.klaxon.worker.idle();
    cardTs = h.workspace.topLevel('CTRIAGE')[0]!.ts;
  });
  afterAll(async () => {
    await h.close();
  });

  /** A click that would claim case 1 if it were believed. */
  const claim = (user = 'UEVE') =>
    blockActionsBody({
      actionId: 'klaxon_claim',
      value: '1',
      user: { id: user, name: user.toLowerCase() },
      channel: 'CTRIAGE',
      messageTs: cardTs,
    });
  const owner = () => h.klaxon.db.db.select({ owner: cases.ownerId }).from(cases).get()?.owner ?? null;

  it('refuses unsigned, forged, stale and tampered clicks with 401 and acts on nothing', async () => {
    const attack = fc.oneof(
      fc.record({ kind: fc.constant('missing' as const), drop: fc.constantFrom('x-slack-signature', 'x-slack-request-timestamp', 'both') }),
      fc.record({ kind: fc.constant('stale' as const), skew: fc.integer({ min: 301, max: 10_000_000 }) }),
      fc.record({ kind: fc.constant('wrong-secret' as const), secret: fc.string({ minLength: 1 }).filter((s) => s !== SECRET) }),
      // A signature captured from a genuine click by someone else, replayed on an edited body.
      fc.record({ kind: fc.constant('tampered' as const), user: fc.stringMatching(/^U[A-Z0-9]{2,10}$/) }),
      fc.record({
        kind: fc.constant('garbage' as const),
        ts: fc.oneof(fc.string(), fc.constant(''), fc.constant('NaN')),
        sig: fc.oneof(fc.string(), fc.constant('v0='), fc.stringMatching(/^v1=[0-9a-f]{64}$/)),
      }),
    );
    await fc.assert(
      fc.asyncProperty(attack, async (a) => {
        const body = claim();
        let headers: Record<string, string> = slackHeaders(SECRET, body);
        switch (a.kind) {
          case 'missing':
            headers = Object.fromEntries(
              Object.entries(headers).filter(([k]) => (a.drop === 'both' ? !k.startsWith('x-slack') : k !== a.drop)),
            );
            break;
          case 'stale':
            headers = {
              'content-type': FORM,
              'x-slack-request-timestamp': String(nowSeconds() - a.skew),
              'x-slack-signature': slackSignature(SECRET, nowSeconds() - a.skew, body),
            };
            break;
          case 'wrong-secret':
            headers = slackHeaders(a.secret, body);
            break;
          case 'tampered':
            headers = slackHeaders(SECRET, claim(a.user === 'UEVE' ? 'UMALLORY' : a.user));
            break;
          case 'garbage':
            headers = { 'content-type': FORM, 'x-slack-request-timestamp': a.ts, 'x-slack-signature': a.sig };
            break;
        }
        const before = footprint(h);
        let res: RawResponse;
        try {
          res = await rawRequest(`${h.url}/slack/events`, { headers, body });
        } catch (error) {
          // fetch itself refuses header values HTTP cannot carry; that is not the server's answer.
          if (error instanceof TypeError && /header/i.test(error.message)) return;
          throw error;
        }
        expect(res.status, `${a.kind}: ${res.text}`).toBe(401);
        await expectUnharmed(h, before);
        expect(owner()).toBeNull();
      }),
      { numRuns: 150 },
    );
  });

  it('an unsigned ssl_check cannot smuggle a payload in (refused before its body is read); a signed one is answered', async () => {
    const before = footprint(h);
    const res = await rawRequest(`${h.url}/slack/events`, { headers: { 'content-type': FORM }, body: `ssl_check=1&${claim()}` });
    expect(res.status).toBe(401);
    const signedBody = `ssl_check=1&${claim()}`;
    const signedCheck = await rawRequest(`${h.url}/slack/events`, { headers: slackHeaders(SECRET, signedBody), body: signedBody });
    expect(signedCheck.status).toBe(200);
    await expectUnharmed(h, before);
    expect(owner()).toBeNull();
  });

  it('a genuine click on the same card is still believed (the refusals above were the signature)', async () => {
    const body = claim('UALICE');
    const res = await rawRequest(`${h.url}/slack/events`, { headers: slackHeaders(SECRET, body), body });
    expect(res.status).toBe(200);
    await vi.waitFor(() => expect(owner()).toMatch(/UALICE$/));
  });
});

describe('POST /slack/events: timestamps from the future', () => {
  let h: Harness;
  let cardTs: string;
  beforeAll(async () => {
    h = await startHarness();
    await postIngest(
      h.url,
      mention({ id: 'slack-future-1', createdAt: h.clock.now().toISOString() }),
      TEST_SECRETS.INGEST_SECRET,
      h.clock.now(),
    );
    await h.klaxon.worker.idle();
    cardTs = h.workspace.topLevel('CTRIAGE')[0]!.ts;
  });
  afterAll(async () => {
    await h.close();
  });

  // Slack allows ±5 minutes (docs/CONTRACT.md §4, STACK.md). A request dated ahead could be replayed until
  // its date passes, so a future timestamp is as unacceptable as a stale one.
  it('refuses a click signed with a timestamp more than 5 minutes ahead', async () => {
    for (const skew of [301, 3600, 365 * 24 * 3600]) {
      const body = blockActionsBody({
        actionId: 'klaxon_claim',
        value: '1',
        user: { id: 'UEVE', name: 'eve' },
        channel: 'CTRIAGE',
        messageTs: cardTs,
      });
      const ts = nowSeconds() + skew;
      const before = footprint(h);
      const res = await rawRequest(`${h.url}/slack/events`, {
        headers: { 'content-type': FORM, 'x-slack-request-timestamp': String(ts), 'x-slack-signature': slackSignature(SECRET, ts, body) },
        body,
      });
      expect(res.status, `signed ${skew} s ahead`).toBe(401);
      await expectUnharmed(h, before);
    }
  });
});

/** Signed payload skeletons of every kind the app listens to, each with one field broken. */
function brokenPayloads(): fc.Arbitrary<{ body: string; type: string; label: string }> {
  const junk = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined));
  const action = fc.constantFrom(
    'klaxon_claim',
    'klaxon_reply',
    'klaxon_dm',
    'klaxon_handoff',
    'klaxon_escalate',
    'klaxon_resolve',
    'klaxon_reopen',
  );
  const view = fc.constantFrom(
    'klaxon_reply_modal',
    'klaxon_reply_as_dm',
    'klaxon_dm_modal',
    'klaxon_handoff_modal',
    'klaxon_escalate_modal',
    'klaxon_resolve_modal',
  );
  const set = (obj: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> => {
    const [head, ...rest] = path as [string, ...string[]];
    const copy: Record<string, unknown> = Array.isArray(obj) ? ([...obj] as unknown as Record<string, unknown>) : { ...obj };
    if (rest.length === 0) {
      if (value === undefined) delete copy[head];
      else copy[head] = value;
    } else {
      const inner = copy[head];
      copy[head] = set(typeof inner === 'object' && inner !== null ? (inner as Record<string, unknown>) : {}, rest, value);
    }
    return copy;
  };
  // No case exists in this app, so even a payload that survives its damage has nothing to act on.
  const blockActions = fc
    .record({
      a: action,
      path: fc.constantFrom<string[]>(
        ['actions'],
        ['actions', '0'],
        ['actions', '0', 'action_id'],
        ['actions', '0', 'value'],
        ['user'],
        ['user', 'id'],
        ['container'],
        ['channel'],
        ['message'],
        ['trigger_id'],
        ['type'],
      ),
      v: junk,
    })
    .map(({ a, path, v }) => {
      const base = {
        type: 'block_actions',
        user: { id: 'UFUZZ', name: 'fuzz' },
        team: { id: 'T0TEST' },
        api_app_id: 'A0TEST',
        trigger_id: '1.2.trigger',
        container: { type: 'message', message_ts: '1.000001', channel_id: 'CTRIAGE' },
        channel: { id: 'CTRIAGE' },
        message: { ts: '1.000001', text: '' },
        response_url: 'http://127.0.0.1:9/r',
        actions: [{ action_id: a, block_id: 'case_actions', value: '999999', type: 'button', action_ts: `${Math.random()}` }],
      };
      return {
        body: `payload=${encodeURIComponent(JSON.stringify(set(base, path, v)))}`,
        type: FORM,
        label: `block_actions ${a} ${path.join('.')}=${JSON.stringify(v)}`,
      };
    });
  const viewSubmission = fc
    .record({
      cb: view,
      path: fc.constantFrom<string[]>(
        ['view'],
        ['view', 'callback_id'],
        ['view', 'private_metadata'],
        ['view', 'state'],
        ['view', 'state', 'values'],
        ['user'],
        ['user', 'id'],
      ),
      v: junk,
    })
    .map(({ cb, path, v }) => {
      const base = {
        type: 'view_submission',
        user: { id: 'UFUZZ', name: 'fuzz' },
        team: { id: 'T0TEST' },
        api_app_id: 'A0TEST',
        trigger_id: '1.2.trigger',
        view: { id: 'VFUZZ', callback_id: cb, private_metadata: '{"caseId":999999}', state: { values: {} } },
      };
      return {
        body: `payload=${encodeURIComponent(JSON.stringify(set(base, path, v)))}`,
        type: FORM,
        label: `view_submission ${cb} ${path.join('.')}=${JSON.stringify(v)}`,
      };
    });
  const event = fc
    .record({
      t: fc.constantFrom('message', 'app_home_opened', 'app_mention'),
      path: fc.constantFrom<string[]>(
        ['event'],
        ['event', 'type'],
        ['event', 'user'],
        ['event', 'text'],
        ['event', 'channel'],
        ['event', 'thread_ts'],
        ['event', 'tab'],
        ['team_id'],
        ['event_id'],
      ),
      v: junk,
    })
    .map(({ t, path, v }) => {
      const base = {
        type: 'event_callback',
        team_id: 'T0TEST',
        api_app_id: 'A0TEST',
        event_id: `Ev${Math.random()}`,
        event_time: 1,
        event: { type: t, user: 'UFUZZ', channel: 'CTRIAGE', text: 'note', ts: '2.000001', thread_ts: '1.000001', tab: 'home' },
      };
      return {
        body: JSON.stringify(set(base, path, v)),
        type: 'application/json',
        label: `event ${t} ${path.join('.')}=${JSON.stringify(v)}`,
      };
    });
  const command = fc
    .record({
      field: fc.constantFrom('command', 'text', 'user_id', 'channel_id', 'team_id', 'trigger_id'),
      v: fc.oneof(fc.string({ maxLength: 30 }), fc.constant('claim K-999999'), fc.constant('reply K-999999 hi')),
    })
    .map(({ field, v }) => {
      const params = new URLSearchParams({
        command: '/klaxon',
        text: 'queue',
        user_id: 'UFUZZ',
        channel_id: 'CTRIAGE',
        team_id: 'T0TEST',
        trigger_id: '1.2.trigger',
        response_url: 'http://127.0.0.1:9/r',
      });
      if (v === '') params.delete(field);
      else params.set(field, v);
      return { body: params.toString(), type: FORM, label: `command ${field}=${JSON.stringify(v)}` };
    });
  return fc.oneof(blockActions, viewSubmission, event, command);
}

function notJson(text: string): boolean {
  try {
    JSON.parse(text);
    return false;
  } catch {
    return true;
  }
}

describe('POST /slack/events: correctly signed but malformed payloads', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  /**
   * Bolt answers a payload no listener acknowledges only after its 3-second window (a 404), so
   * the samples go out together; fast-check's seed is printed on failure to replay them.
   */
  async function sendAll(samples: { body: string; type: string; label: string }[]): Promise<{ label: string; status: number | string }[]> {
    return Promise.all(
      samples.map(async (s) => {
        try {
          const res = await rawRequest(`${h.url}/slack/events`, {
            headers: { ...slackHeaders(SECRET, s.body), 'content-type': s.type },
            body: s.body,
          });
          return { label: s.label, status: res.status };
        } catch (error) {
          return { label: s.label, status: `no answer (${(error as Error).name})` };
        }
      }),
    );
  }

  it('never answers 5xx, never crashes, never acts', async () => {
    const seed = Date.now();
    const samples = fc.sample(brokenPayloads(), { numRuns: 120, seed });
    const before = footprint(h);
    const results = await sendAll(samples);
    const bad = results.filter((r) => typeof r.status !== 'number' || (r.status !== 200 && (r.status < 400 || r.status > 499)));
    expect(
      bad.map((r) => `${r.status} ← ${r.label}`),
      `seed ${seed}`,
    ).toEqual([]);
    await expectUnharmed(h, before);
  });

  it('refuses payloads that are not objects with a 4xx and keeps running', async () => {
    const notObjects = ['null', '0', '-1.5', 'true', '"text"', '[]', '[{}]', '[null]'];
    const samples = notObjects.flatMap((json) => [
      { body: `payload=${encodeURIComponent(json)}`, type: FORM, label: `payload=${json}` },
      { body: json, type: 'application/json', label: `json ${json}` },
    ]);
    const before = footprint(h);
    const results = await sendAll(samples);
    const bad = results.filter((r) => typeof r.status !== 'number' || r.status < 400 || r.status > 499);
    expect(bad.map((r) => `${r.status} ← ${r.label}`)).toEqual([]);
    await expectUnharmed(h, before);
  });

  it('refuses bodies Bolt cannot parse with 400', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }).filter(notJson), fc.boolean(), async (text, asForm) => {
        const body = asForm ? `payload=${encodeURIComponent(text)}` : text;
        const type = asForm ? FORM : 'application/json';
        const before = footprint(h);
        const res = await rawRequest(`${h.url}/slack/events`, { headers: { ...slackHeaders(SECRET, body), 'content-type': type }, body });
        expect(res.status).toBe(400);
        await expectUnharmed(h, before);
      }),
      { numRuns: 100 },
    );
  });
});
