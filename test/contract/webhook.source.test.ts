import { createHttpServer } from '../../src/http/server.js';
import { createIngestRoute } from '../../adapters/webhook/ingest-route.js';
import { WebhookReplySource } from '../../adapters/webhook/reply-source.js';
import { createWebhookSourceAdapter } from '../../adapters/webhook/source-adapter.js';
import { Metrics } from '../../src/telemetry.js';
import { makeCore } from '../helpers/core.js';
import { mention, postIngest } from '../helpers/ingest.js';
import { captureLogs } from '../sources/logs.js';
import { memoryWorld } from '../sources/world-kit.js';
import { startWebhookReceiver } from '../helpers/webhook-receiver.js';
import { sourceContract } from './source.contract.js';

const INGEST_SECRET = 'contract-ingest-secret-4f1d9a';
const REPLY_SECRET = 'contract-reply-secret-8c2e7b0d';

/**
 * The generic webhook: items arrive signed at the real POST /ingest (the sender's system retries
 * until it gets a 202); replies leave through the signed reply webhook to the customer's system.
 */
sourceContract('generic webhook', async () => {
  const core = makeCore();
  const logs = captureLogs();
  const metrics = new Metrics();
  const server = createHttpServer(
    [createIngestRoute({ secret: INGEST_SECRET, clock: core.clock, ingest: core.ingest, metrics, logger: logs.logger })],
    logs.logger,
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const answers: ({ status: number; body?: unknown; headers?: Record<string, string> } | null)[] = [];
  /** Replies the customer's system accepted (2xx), by mode. */
  const accepted: { mode: unknown; text: string }[] = [];
  const receiver = await startWebhookReceiver((call, n) => {
    const answer = answers.shift() ?? { status: 200, body: { id: `r${n}`, url: `https://support.example.com/replies/r${n}` } };
    if (answer.status < 300) accepted.push({ mode: call.json.mode, text: String(call.json.text) });
    return answer;
  });
  const reply = new WebhookReplySource({
    source: 'review',
    url: receiver.url,
    secret: REPLY_SECRET,
    allowPrivateTargets: true,
    clock: core.clock,
  });
  let seq = 0;
  const send = async (body: unknown) => {
    const res = await postIngest(base, body, INGEST_SECRET, core.clock.now());
    if (res.status !== 202) throw new Error(`/ingest answered ${res.status}: ${JSON.stringify(res.json)}`);
  };
  /** What the sender's system delivered (it re-sends everything it has after a restart: at least once). */
  const sent: unknown[] = [];
  const deliver = async (item: Record<string, unknown>) => {
    sent.push(item);
    await send(item);
  };
  const item = (text: string, extra: Record<string, unknown> = {}) =>
    mention({
      id: `rv-${++seq}`,
      source: 'review',
      author: { id: 'cust-7', handle: 'dana', name: 'Dana' },
      text,
      createdAt: core.clock.now().toISOString(),
      ...extra,
    });
  return memoryWorld({
    core,
    logs,
    metrics,
    secrets: [INGEST_SECRET, REPLY_SECRET],
    hasPublicReply: true,
    adapter: () => createWebhookSourceAdapter({ source: 'review', reply }),
    // A restarted Klaxon gets everything again from a sender that retries: each stays one item.
    settle: async () => {
      for (const body of sent) await send(body);
    },
    customerWrites: async (text) => {
      const m = item(text);
      await deliver(m as unknown as Record<string, unknown>);
      return m.id;
    },
    customerFollowsUp: async (previous, text) => {
      const m = item(text, { inReplyTo: previous });
      await deliver(m as unknown as Record<string, unknown>);
      return m.id;
    },
    publicReplies: () => accepted.filter((c) => c.mode === 'public').map((c) => c.text),
    privateMessages: () => accepted.filter((c) => c.mode === 'private').map((c) => c.text),
    refuseNextReply: () => answers.push({ status: 422, body: { error: 'the customer unsubscribed from messages' } }),
    rateLimitNextWrite: (resetInMs) => {
      answers.push({ status: 429, headers: { 'retry-after': String(Math.ceil(resetInMs / 1000)) } });
    },
    close: async () => {
      await receiver.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      core.handle.close();
    },
  });
});
