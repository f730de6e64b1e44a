import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TEST_SECRETS } from '../helpers/config.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { postSlack, slashCommandBody } from '../helpers/slack.js';
import { signedHeaders } from '../../adapters/webhook/signature.js';

const MiB = 1024 * 1024;

/** A raw connection that sends headers and the first bytes of a body, then waits: a slow sender. */
interface SlowSender {
  socket: Socket;
  /** The status line the server answered, once it answers. */
  status: () => number | null;
  closed: () => boolean;
}

function openSlowSender(url: string, path: string, headers: Record<string, string>, firstBytes = 'payload='): Promise<SlowSender> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      const head = [`POST ${path} HTTP/1.1`, `Host: ${hostname}:${port}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), '', ''].join('\r\n');
      socket.write(head + firstBytes);
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
 * Unauthenticated requests cannot pin memory: headers are checked before the body is read, a
 * Slack body is at most 1 MiB, the bodies being read before verification share a 16 MiB budget
 * (503 beyond it) exposed in /metrics, and a sender too slow is cut off. Real loopback sockets;
 * no test waits for real seconds (RSS is reported by `npm run bench`, not asserted here).
 */
describe('slow and unauthenticated senders', () => {
  let h: Harness;
  const senders: SlowSender[] = [];
  afterEach(async () => {
    for (const s of senders.splice(0)) s.socket.destroy();
    await h?.close();
  });

  it('sixty slow 1 MiB senders: 16 are read, the rest refused with 503 at once; the gauge shows 16 MiB, then 0 once they close', async () => {
    h = await startHarness({ tuning: { bodyTimeoutMs: 60_000 } });
    expect(await gauge(h)).toBe(0);
    for (let i = 0; i < 60; i++) senders.push(await openSlowSender(h.url, '/slack/events', unverifiedSlackHeaders(h, MiB)));
    await vi.waitFor(() => expect(senders.filter((s) => s.status() === 503)).toHaveLength(44), { timeout: 5000 });
    expect(senders.filter((s) => s.status() === null)).toHaveLength(16);
    expect(await gauge(h)).toBe(16 * MiB);

    // The budget is shared: a signed /ingest body is refused too while it is spent…
    const raw = JSON.stringify({ id: 'x', text: 'hello', createdAt: h.clock.now().toISOString() });
    const busy = await fetch(`${h.url}/ingest`, { method: 'POST', headers: { 'content-type': 'application/json', ...signedHeaders(TEST_SECRETS.INGEST_SECRET, raw, h.clock.now()) }, body: raw });
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('1');

    for (const s of senders) s.socket.destroy();
    await vi.waitFor(async () => expect(await gauge(h)).toBe(0), { timeout: 5000 });
    // …and once they are gone a real Slack request is served.
    const ok = await postSlack(h.url, TEST_SECRETS.SLACK_SIGNING_SECRET, slashCommandBody({ text: 'help', user: { id: 'UALICE', name: 'alice' }, channel: 'CTRIAGE' }));
    expect(ok.status).toBe(200);
  });

  it('refuses before reading the body when the signature headers are missing, malformed or stale, and a body declared over 1 MiB', async () => {
    h = await startHarness({ tuning: { bodyTimeoutMs: 60_000 }, env: { TEAMS_APP_ID: '00000000-0000-4000-8000-0000000000aa', TEAMS_APP_PASSWORD: 'teams-password-for-tests' } });
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
      const path = headers['Content-Type'] === 'application/json' ? '/ingest' : headers['Content-Type'] === 'application/json; teams' ? '/api/messages' : '/slack/events';
      const sender = await openSlowSender(h.url, path, headers, '{');
      senders.push(sender);
      // Answered with only the headers and one byte of the body sent.
      await vi.waitFor(() => expect(sender.status(), JSON.stringify(headers)).toBe(status), { timeout: 5000 });
    }
    expect(await gauge(h)).toBe(0);
  });

  it('cuts off a sender that does not finish its body in time (408) and gives its share back', async () => {
    h = await startHarness({ tuning: { bodyTimeoutMs: 150 } });
    const sender = await openSlowSender(h.url, '/slack/events', unverifiedSlackHeaders(h, 4096));
    senders.push(sender);
    await vi.waitFor(() => expect(sender.status()).toBe(408), { timeout: 5000 });
    await vi.waitFor(() => expect(sender.closed()).toBe(true), { timeout: 5000 });
    expect(await gauge(h)).toBe(0);
  });
});
