import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TEST_SECRETS } from '../helpers/config.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { postSlack, slashCommandBody } from '../helpers/slack.js';
import { signedHeaders } from '../../adapters/webhook/signature.js';
import { ManualClock } from '../../src/clock.js';
import { ManualTimers } from '../twitter/manual-timers.js';

const MiB = 1024 * 1024;

/** A raw connection that sends headers and the first bytes of a body, then waits: a slow sender. */
interface SlowSender {
  socket: Socket;
  /** The status line the server answered, once it answers. */
  status: () => number | null;
  closed: () => boolean;
}

function openSlowSender(
  url: string,
  path: string,
  headers: Record<string, string>,
  firstBytes: string | Buffer = 'payload=',
  from?: string,
): Promise<SlowSender> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    // Every 127.x address is this machine: a different one stands for a different remote sender.
    const socket = connect({ port: Number(port), host: hostname, ...(from ? { localAddress: from } : {}) }, () => {
      const head = [
        `POST ${path} HTTP/1.1`,
        `Host: ${hostname}:${port}`,
        ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
        '',
        '',
      ].join('\r\n');
      socket.write(head);
      socket.write(firstBytes);
      resolve({ socket, status: () => status, closed: () => closed });
    });
    let answer = '';
    let status: number | null = null;
    let closed = false;
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1');
      const match = /^HTTP\/1\.1 (\d{3})/.exec(answer);
      if (match) status = Number(match[1]);
    });
    socket.on('error', () => {});
    socket.on('close', () => (closed = true));
    socket.once('error', reject);
  });
}

async function gauge(h: Harness): Promise<number> {
  const text = await (await fetch(`${h.url}/metrics`)).text();
  const match = /^klaxon_http_unverified_body_bytes (\d+)$/m.exec(text);
  return match ? Number(match[1]) : NaN;
}

/** Headers that pass the checks made before reading (present, well-formed, fresh) without being a valid signature. */
function unverifiedSlackHeaders(h: Harness, length: number): Record<string, string> {
  return {
    'Content-Type': 'application/x-www-form-urlencoded',
    'Content-Length': String(length),
    'X-Slack-Request-Timestamp': String(Math.floor(h.clock.now().getTime() / 1000)),
    'X-Slack-Signature': `v0=${'ab'.repeat(32)}`,
  };
}

/**
 * Unauthenticated requests cannot pin memory or lock anyone out: headers are checked before the
 * body is read, a Slack body is at most 1 MiB, the bodies being read before verification share a
 * 16 MiB budget charged as bytes arrive (never as declared), one address holds at most a quarter
 * of it and sends at most eight such bodies at once (503 beyond), the budget is exposed in
 * /metrics, and a sender that stalls or is too slow is cut off. Real loopback sockets, from
 * several 127.x addresses standing for several remote senders; the time limits run on injected
 * timers, so no test waits for real seconds (RSS is reported by `npm run bench`, not asserted here).
 */
describe('slow and unauthenticated senders', () => {
  let h: Harness;
  const senders: SlowSender[] = [];
  afterEach(async () => {
    for (const s of senders.splice(0)) s.socket.destroy();
    await h?.close();
  });

  /** A signed /ingest request, as a well-behaved source sends it. */
  async function signedIngest(h: Harness, id: string): Promise<Response> {
    const raw = JSON.stringify({ id, text: 'hello', createdAt: h.clock.now().toISOString() });
    return fetch(`${h.url}/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signedHeaders(TEST_SECRETS.INGEST_SECRET, raw, h.clock.now()) },
      body: raw,
    });
  }

  it(
    'idle senders declaring 1 MiB bodies hold only what they sent: signed requests are served while 64 of them wait; ' +
      'a ninth body from one address is refused; the idle limit cuts them all off',
    async () => {
      const clock = new ManualClock(Date.now());
      const timers = new ManualTimers(clock);
      h = await startHarness({ clock, timers });
      expect(await gauge(h)).toBe(0);
      // Eight remote addresses, eight bodies each: a declared MiB apiece, eight bytes sent.
      const addresses = Array.from({ length: 8 }, (_, i) => `127.0.0.${i + 2}`);
      for (const from of addresses)
        for (let i = 0; i < 8; i++)
          senders.push(await openSlowSender(h.url, '/slack/events', unverifiedSlackHeaders(h, MiB), 'payload=', from));
      await vi.waitFor(async () => expect(await gauge(h)).toBe(64 * 'payload='.length), { timeout: 5000 });
      expect(senders.filter((s) => s.status() !== null)).toEqual([]);

      // Every signed endpoint still answers, at once.
      const slack = await postSlack(
        h.url,
        TEST_SECRETS.SLACK_SIGNING_SECRET,
        slashCommandBody({ text: 'help', user: { id: 'UALICE', name: 'alice' }, channel: 'CTRIAGE' }),
      );
      expect(slack.status).toBe(200);
      const ingest = await signedIngest(h, 'while-they-wait');
      expect(ingest.status).toBe(202);

      // One address may send eight unverified bodies at once; the ninth is refused before it is read.
      const ninth = await openSlowSender(
        h.url,
        '/ingest',
        {
          'Content-Type': 'application/json',
          'Content-Length': String(MiB),
          ...signedHeaders(TEST_SECRETS.INGEST_SECRET, 'x', h.clock.now()),
        },
        '{',
        addresses[0],
      );
      senders.push(ninth);
      await vi.waitFor(() => expect(ninth.status()).toBe(503), { timeout: 5000 });

      // Five silent seconds (the injected clock): every one of them is cut off and gives its share back.
      timers.advance(5_000);
      await vi.waitFor(() => expect(senders.filter((s) => s.status() === 408)).toHaveLength(64), { timeout: 5000 });
      await vi.waitFor(() => expect(senders.every((s) => s.closed())).toBe(true), { timeout: 5000 });
      await vi.waitFor(async () => expect(await gauge(h)).toBe(0), { timeout: 5000 });
    },
  );

  it("senders that really send hold at most their address's share: the rest of the budget still serves everyone else", async () => {
    const clock = new ManualClock(Date.now());
    const timers = new ManualTimers(clock);
    // 4 MiB in all; one address may hold a quarter of it.
    h = await startHarness({ clock, timers, tuning: { unverifiedBodyBytes: 4 * MiB } });
    const sent = 900 * 1024;
    for (const from of ['127.0.0.2', '127.0.0.3', '127.0.0.4'])
      senders.push(await openSlowSender(h.url, '/slack/events', unverifiedSlackHeaders(h, MiB), Buffer.alloc(sent, 0x61), from));
    await vi.waitFor(async () => expect(await gauge(h)).toBe(3 * sent), { timeout: 5000 });
    expect(senders.filter((s) => s.status() !== null)).toEqual([]);

    // A second body from an address that already holds 900 KiB passes its 1 MiB share: refused.
    const greedy = await openSlowSender(
      h.url,
      '/slack/events',
      unverifiedSlackHeaders(h, MiB),
      Buffer.alloc(200 * 1024, 0x61),
      '127.0.0.2',
    );
    senders.push(greedy);
    await vi.waitFor(() => expect(greedy.status()).toBe(503), { timeout: 5000 });
    await vi.waitFor(async () => expect(await gauge(h)).toBe(3 * sent), { timeout: 5000 });

    // Signed requests from elsewhere fit in what is left.
    const slack = await postSlack(
      h.url,
      TEST_SECRETS.SLACK_SIGNING_SECRET,
      slashCommandBody({ text: 'help', user: { id: 'UALICE', name: 'alice' }, channel: 'CTRIAGE' }),
    );
    expect(slack.status).toBe(200);
    expect((await signedIngest(h, 'beside-the-big-ones')).status).toBe(202);

    // A sender that hangs up gives its bytes back at once.
    senders[0]!.socket.destroy();
    await vi.waitFor(async () => expect(await gauge(h)).toBe(2 * sent), { timeout: 5000 });
  });

  it(
    'refuses before reading the body when the signature headers are ' + 'missing, malformed or stale, and a body declared over 1 MiB',
    async () => {
      h = await startHarness({
        tuning: { bodyTimeoutMs: 60_000 },
        env: {
          TEAMS_APP_ID: '00000000-0000-4000-8000-0000000000aa',
          TEAMS_APP_PASSWORD: 'teams-password-for-tests',
          TEAMS_TENANT_ID: '00000000-0000-4000-8000-0000000000bb',
        },
      });
      const ts = Math.floor(h.clock.now().getTime() / 1000);
      const cases: [Record<string, string>, number][] = [
        [{ 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(MiB) }, 401],
        [{ ...unverifiedSlackHeaders(h, MiB), 'X-Slack-Signature': 'v0=not-hex' }, 401],
        [{ ...unverifiedSlackHeaders(h, MiB), 'X-Slack-Request-Timestamp': 'soon' }, 401],
        [{ ...unverifiedSlackHeaders(h, MiB), 'X-Slack-Request-Timestamp': String(ts - 301) }, 401],
        [{ ...unverifiedSlackHeaders(h, MiB), 'X-Slack-Request-Timestamp': String(ts + 301) }, 401],
        [unverifiedSlackHeaders(h, MiB + 1), 413],
        [{ 'Content-Type': 'application/json', 'Content-Length': String(MiB) }, 401],
        [{ 'Content-Type': 'application/json; teams', 'Content-Length': String(200_000) }, 401],
      ];
      for (const [headers, status] of cases) {
        const path =
          headers['Content-Type'] === 'application/json'
            ? '/ingest'
            : headers['Content-Type'] === 'application/json; teams'
              ? '/api/messages'
              : '/slack/events';
        const sender = await openSlowSender(h.url, path, headers, '{');
        senders.push(sender);
        // Answered with only the headers and one byte of the body sent.
        await vi.waitFor(() => expect(sender.status(), JSON.stringify(headers)).toBe(status), { timeout: 5000 });
      }
      expect(await gauge(h)).toBe(0);
    },
  );

  it(
    'cuts off a sender that trickles its body past the whole-body limit (408), though it never stalls for the idle limit, ' +
      'and gives its share back',
    async () => {
      const clock = new ManualClock(Date.now());
      const timers = new ManualTimers(clock);
      h = await startHarness({ clock, timers });
      const sender = await openSlowSender(h.url, '/slack/events', unverifiedSlackHeaders(h, 4096), 'p');
      senders.push(sender);
      await vi.waitFor(async () => expect(await gauge(h)).toBe(1), { timeout: 5000 });
      // A byte every four seconds: under the five-second idle limit each time.
      for (let second = 4; second < 10; second += 4) {
        timers.advance(4_000);
        sender.socket.write('a');
        await vi.waitFor(async () => expect(await gauge(h)).toBe(1 + second / 4), { timeout: 5000 });
        expect(sender.status()).toBeNull();
      }
      // Ten seconds after it began, the whole-body limit.
      timers.advance(2_000);
      await vi.waitFor(() => expect(sender.status()).toBe(408), { timeout: 5000 });
      await vi.waitFor(() => expect(sender.closed()).toBe(true), { timeout: 5000 });
      expect(await gauge(h)).toBe(0);
    },
  );
});
