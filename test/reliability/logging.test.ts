import { connect } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signedHeaders } from '../../adapters/webhook/signature.js';
import { createLogger, type LogLevel } from '../../src/log.js';
import { TEST_SECRETS } from '../helpers/config.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { mention, postIngest } from '../helpers/ingest.js';
import { postSlack, slashCommandBody } from '../helpers/slack.js';
import { startWebhookReceiver } from '../helpers/webhook-receiver.js';

const CUSTOMER = 'Zanzibar-parcel-7731 never arrived';
const REPLY = 'Quetzal-refund-5512 is on its way';

interface Line {
  level: string;
  msg: string;
}

/**
 * Customer text and reply text reach the log only at `trace`, the level that says it logs whole
 * payloads; `debug` — what one turns on to look into a production problem — never carries them.
 * A client that hangs up mid-request is a debug line, not an error with a stack.
 */
describe('what the log holds', () => {
  let h: Harness;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>> | null = null;
  afterEach(async () => {
    await h?.close();
    await receiver?.close();
  });

  async function run(level: LogLevel): Promise<{ lines: Line[]; raw: string[] }> {
    const raw: string[] = [];
    receiver = await startWebhookReceiver();
    h = await startHarness({
      logger: createLogger({ level, write: (l) => raw.push(l) }),
      file: { sources: { review: { replyWebhook: { url: receiver.url } } }, outbound: { allowPrivateTargets: true } },
    });
    await postIngest(
      h.url,
      mention({ id: 'l1', source: 'review', text: CUSTOMER, createdAt: new Date(h.clock.now().getTime() - 60_000).toISOString() }),
      TEST_SECRETS.INGEST_SECRET,
      h.clock.now(),
    );
    await h.klaxon.worker.idle();
    await postSlack(
      h.url,
      TEST_SECRETS.SLACK_SIGNING_SECRET,
      slashCommandBody({ text: `reply K-1 ${REPLY}`, user: { id: 'UALICE', name: 'alice' }, channel: 'CTRIAGE' }),
    );
    await vi.waitFor(() => expect(receiver!.calls).toHaveLength(1));
    await h.klaxon.worker.idle();
    return { lines: raw.map((l) => JSON.parse(l) as Line), raw };
  }

  it('at debug: no customer or reply text in any line', async () => {
    const { lines, raw } = await run('debug');
    expect(lines.length).toBeGreaterThan(0);
    expect(raw.filter((l) => l.includes('Zanzibar') || l.includes('Quetzal'))).toEqual([]);
  });

  it('at trace: the payloads appear, on trace lines only', async () => {
    const { lines, raw } = await run('trace');
    const carrying = raw.filter((l) => l.includes('Zanzibar') || l.includes('Quetzal'));
    expect(carrying.length).toBeGreaterThan(0);
    expect(lines.filter((l, i) => (raw[i]!.includes('Zanzibar') || raw[i]!.includes('Quetzal')) && l.level !== 'trace')).toEqual([]);
  });

  it('a client that aborts its request mid-body is logged at debug, without an error or a stack', async () => {
    const raw: string[] = [];
    h = await startHarness({ logger: createLogger({ level: 'debug', write: (l) => raw.push(l) }) });
    const body = JSON.stringify({ mentions: [mention({ id: 'a1', createdAt: h.clock.now().toISOString() })] });
    const { hostname, port } = new URL(h.url);
    const socket = connect(Number(port), hostname);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const headers = {
      'content-type': 'application/json',
      'content-length': String(body.length),
      ...signedHeaders(TEST_SECRETS.INGEST_SECRET, body, h.clock.now()),
    };
    socket.write(
      `POST /ingest HTTP/1.1\r\nHost: ${hostname}\r\n${Object.entries(headers)
        .map(([k, v]) => `${k}: ${v}`)
        .join('\r\n')}\r\n\r\n${body.slice(0, 20)}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.destroy();
    await vi.waitFor(() => expect(raw.some((l) => l.includes('client closed the connection'))).toBe(true));
    const lines = raw.map((l) => JSON.parse(l) as Line & { err?: unknown });
    expect(lines.find((l) => l.msg.includes('client closed the connection'))!.level).toBe('debug');
    expect(lines.filter((l) => l.level === 'error')).toEqual([]);
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
  });
});
