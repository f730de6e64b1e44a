import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { caseEvents, cases, mentions, outbox } from '../../db/schema/index.js';
import { PRIORITIES, type Priority } from '../../src/domain/priority.js';
import { HARM_IDS } from '../../src/scoring/harm/categories.js';
import { createLogger } from '../../src/log.js';
import { ManualClock } from '../../src/clock.js';
import { TEST_SECRETS } from '../helpers/config.js';
import { startFakeOpenAi, type FakeBehaviour } from '../helpers/fake-openai.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { postIngest } from '../helpers/ingest.js';

/**
 * AI triage against a loopback OpenAI-compatible server: real HTTP, the real `openai` client, the
 * real app (ingest, outbox, Slack adapter against the local Slack Web API), real SQLite.
 */
const KEY = 'sk-test-0123456789abcdef';
const rank = (p: Priority) => PRIORITIES.indexOf(p);

describe('optional AI triage', () => {
  let h: Harness | undefined;
  let fake: Awaited<ReturnType<typeof startFakeOpenAi>> | undefined;
  const logs: string[] = [];
  afterEach(async () => {
    await h?.close();
    await fake?.close();
    h = undefined;
    fake = undefined;
    logs.length = 0;
  });

  async function start(behave: (n: number) => FakeBehaviour, llm: Record<string, unknown> = {}, harm?: Record<string, unknown>) {
    fake = await startFakeOpenAi({ key: KEY, behave: (_r, n) => behave(n) });
    const clock = new ManualClock(Date.now());
    h = await startHarness({
      clock,
      env: { TRIAGE_OPENAI_KEY: KEY },
      file: { llm: { baseUrl: fake.baseUrl, model: 'triage-mini', apiKeyEnv: 'TRIAGE_OPENAI_KEY', ...llm }, ...(harm ? { harm } : {}) },
      // At info, what an operator keeps (debug also has the Slack client's request bodies).
      logger: createLogger({ level: 'info', write: (line) => logs.push(line), secrets: [KEY] }),
    });
    return { h, fake, clock };
  }

  async function ingest(texts: string[], prefix = 'm') {
    const now = h!.clock.now();
    const batch = texts.map((text, i) => ({
      id: `${prefix}${i}`,
      source: 'twitter',
      author: { id: `${prefix}-a${i}`, handle: `${prefix}user${i}`, followers: 40 },
      text,
      createdAt: new Date(now.getTime() - 60_000).toISOString(),
    }));
    const res = await postIngest(h!.url, { mentions: batch }, TEST_SECRETS.INGEST_SECRET, now);
    expect(res.status).toBe(202);
  }

  async function settle() {
    await h!.klaxon.aiTriage!.idle();
    await vi.waitFor(
      async () => {
        await h!.klaxon.worker.idle();
        expect(h!.klaxon.db.db.select({ id: outbox.id }).from(outbox).where(eq(outbox.status, 'pending')).all()).toEqual([]);
      },
      { timeout: 10_000, interval: 20 },
    );
  }

  async function metric(outcome: string): Promise<number> {
    const text = await fetch(`${h!.url}/metrics`).then((r) => r.text());
    const line = text.split('\n').find((l) => l.startsWith(`klaxon_ai_triage_total{outcome="${outcome}"}`));
    return line ? Number(line.split(' ').at(-1)) : 0;
  }

  const caseOf = (externalId: string) => {
    const m = h!.klaxon.db.db.select().from(mentions).where(eq(mentions.externalId, externalId)).get()!;
    return h!.klaxon.db.db.select().from(cases).where(eq(cases.id, m.caseId!)).get()!;
  };
  const aiEvents = () => h!.klaxon.db.db.select().from(caseEvents).where(eq(caseEvents.kind, 'ai_triaged')).all();

  it('creates the case at once with its local score, then moves it one level and says why on the card, marked as AI', async () => {
    await start(() => ({
      kind: 'gate',
      json: { category: 'fraud', intent: 'complaint', language: 'en', reason: 'Customer reports payments they did not make.' },
    }));
    const text = 'The hold music on your helpline is a bit repetitive';
    await ingest([text]);
    // The model has not answered yet: the case and its card exist with the local score.
    await vi.waitFor(() => expect(h!.workspace.topLevel('CTRIAGE')).toHaveLength(1), { timeout: 5000, interval: 20 });
    const before = caseOf('m0');
    expect(aiEvents()).toEqual([]);
    // The request is on its way (or held by the fake): the case did not wait for it.
    await vi.waitFor(() => expect(fake!.requests).toHaveLength(1), { timeout: 5000, interval: 20 });
    const sent = fake!.requests[0]!;
    expect(sent.authorization).toBe(`Bearer ${KEY}`);
    expect(sent.body.model).toBe('triage-mini');
    expect(sent.body.messages.at(-1)).toEqual({ role: 'user', content: text });
    expect(sent.body.response_format.json_schema.schema.required.sort()).toEqual(['category', 'intent', 'language', 'reason']);

    fake!.release();
    await settle();
    const after = caseOf('m0');
    // Fraud's floor is P2, but the model moves a case one level at most.
    expect(rank(after.priority)).toBe(Math.max(0, rank(before.priority) - 1));
    const [event] = aiEvents();
    expect(event).toMatchObject({
      caseId: after.id,
      actor: 'ai',
      kind: 'ai_triaged',
      detail: { category: 'fraud', intent: 'complaint', language: 'en', from: before.priority, to: after.priority, model: 'triage-mini' },
    });
    // The card was updated in place (the same message), with the reason marked as AI.
    const card = h!.workspace.topLevel('CTRIAGE');
    expect(card).toHaveLength(1);
    const blocks = JSON.stringify(card[0]!.blocks);
    expect(blocks).toContain('🤖 *AI* (triage-mini): Customer reports payments they did not make.');
    expect(blocks).toContain(`${before.priority} → ${after.priority}`);
    expect(h!.workspace.callsTo('chat.update').length).toBeGreaterThan(0);
    expect(await metric('model')).toBe(1);
    // Neither the customer's words nor the model's reason (nor the key) reach the logs.
    const all = logs.join('\n');
    expect(all).toContain('AI triage applied');
    expect(all).not.toContain('hold music');
    expect(all).not.toContain('payments they did not make');
    expect(all).not.toContain(KEY);
  });

  it('a model that never answers: after the client timeout the case keeps its local score, counted as timeout', async () => {
    await start(() => ({ kind: 'hang' }), { timeoutMs: 150 });
    await ingest(['My parcel is three days late']);
    await settle();
    expect(aiEvents()).toEqual([]);
    expect(caseOf('m0').version).toBe(1);
    expect(await metric('timeout')).toBe(1);
    expect(logs.join('\n')).not.toContain('parcel');
  });

  it('an answer that is not JSON, or not the schema, or a refusal, or a 500: local score kept, each counted', async () => {
    const answers: FakeBehaviour[] = [
      { kind: 'content', content: 'Sure! Category: fraud.' },
      { kind: 'answer', json: { category: 'banana', intent: 'complaint', language: 'en', reason: 'x' } },
      { kind: 'answer', json: { category: 'none', intent: 'complaint', language: 'en', reason: 'ok', extra: 'field' } },
      { kind: 'refusal' },
      { kind: 'status', status: 500 },
    ];
    await start((n) => answers[n - 1]!);
    await ingest([
      'first text about a bill',
      'second text about a router',
      'third text about a parcel',
      'fourth text about a fee',
      'fifth text about a login',
    ]);
    await settle();
    expect(aiEvents()).toEqual([]);
    expect(fake!.requests).toHaveLength(5);
    expect(await metric('malformed')).toBe(3);
    expect(await metric('error')).toBe(2);
  });

  it('the per-minute budget: beyond it cases keep their local score; the next minute the model is asked again', async () => {
    const { clock } = await start(
      () => ({ kind: 'answer', json: { category: 'none', intent: 'question', language: 'en', reason: 'A question about opening hours.' } }),
      { perMinute: 2 },
    );
    await ingest(['When do you open on Sunday?', 'Do you deliver to Wales?', 'Is there a student discount?']);
    await settle();
    expect(fake!.requests).toHaveLength(2);
    expect(await metric('budget')).toBe(1);
    expect(aiEvents()).toHaveLength(2);
    clock.advance(61_000);
    await ingest(['Can I pay by bank transfer?'], 'n');
    await settle();
    expect(fake!.requests).toHaveLength(3);
  });

  it('answers are cached by text: the same words again cost no request', async () => {
    await start(() => ({ kind: 'answer', json: { category: 'none', intent: 'praise', language: 'en', reason: 'Thanks the team.' } }));
    await ingest(['Thank you, great service today!']);
    await settle();
    await ingest(['Thank you, great service today!'], 'n');
    await settle();
    expect(fake!.requests).toHaveLength(1);
    expect(await metric('cache')).toBe(1);
    expect(aiEvents()).toHaveLength(2);
  });

  it('never lowers a case below its harm floor, and never moves it more than one level', async () => {
    await start(() => ({ kind: 'answer', json: { category: 'none', intent: 'praise', language: 'en', reason: 'Sounds happy.' } }));
    // A legal threat: the local analysis finds the legal harm category, whose floor is P2.
    await ingest([
      'My solicitor is taking you to court over the unpaid refund, expect the letter this week',
      'Lovely staff at the Leeds branch today',
    ]);
    const localLegal = caseOf('m0').priority;
    const localPraise = caseOf('m1').priority;
    expect(JSON.stringify(h!.klaxon.db.db.select().from(mentions).where(eq(mentions.externalId, 'm0')).get()!.themes)).toContain('legal');
    await settle();
    const legal = caseOf('m0').priority;
    expect(rank(legal)).toBeLessThanOrEqual(Math.max(rank(localLegal), rank('P2')));
    expect(Math.abs(rank(legal) - rank(localLegal))).toBeLessThanOrEqual(1);
    const praise = caseOf('m1').priority;
    expect(rank(praise) - rank(localPraise)).toBeLessThanOrEqual(1);
    expect(rank(praise)).toBeGreaterThanOrEqual(rank(localPraise));
  });

  it('applies the configured floors (harm.<id>): a category the model names at a configured P1 raises a P2 case to P1', async () => {
    const json = { category: 'fraud', intent: 'complaint', language: 'en', reason: 'Mentions payments the customer did not make.' };
    await start(() => ({ kind: 'answer', json }), {}, { fraud: 'P1' });
    // A legal threat: P2 locally by the legal floor; the default fraud floor (P2) would leave it there.
    await ingest(['My solicitor is taking you to court over the unpaid refund, expect the letter this week']);
    const local = caseOf('m0');
    expect(local.priority).toBe('P2');
    expect(local.harm).toContain('legal');
    await settle();
    const after = caseOf('m0');
    expect(after.priority).toBe('P1');
    expect(aiEvents()[0]).toMatchObject({ kind: 'ai_triaged', detail: { category: 'fraud', from: 'P2', to: 'P1' } });
    expect(JSON.stringify(h!.workspace.topLevel('CTRIAGE')[0]!.blocks)).toContain('P2 → P1');
    expect(await metric('model')).toBe(1);
  });

  it("never lowers a case below its category's configured floor", async () => {
    const json = { category: 'none', intent: 'praise', language: 'en', reason: 'Sounds pleased.' };
    await start(() => ({ kind: 'answer', json }), {}, { legal: 'P1' });
    await ingest(['My solicitor is taking you to court over the unpaid refund, expect the letter this week']);
    expect(caseOf('m0').priority).toBe('P1');
    await settle();
    // The default legal floor (P2) would have let "praise" move it down a level.
    expect(caseOf('m0').priority).toBe('P1');
    expect(aiEvents()[0]).toMatchObject({ detail: { from: 'P1', to: 'P1' } });
  });

  it("asks for the core's categories only, and refuses any other as malformed: the case keeps its local score", async () => {
    const answers = ['outage', 'safety risk', 'billing', 'self_harm'];
    const answer = (category: string | undefined) => ({ category, intent: 'complaint', language: 'en', reason: 'Plausible, unknown.' });
    await start((n) => ({ kind: 'answer', json: answer(answers[n - 1]) }));
    await ingest(['The app is down again', 'There is a funny smell near the meter', 'Billed twice this month', 'I cannot go on like this']);
    const before = ['m0', 'm1', 'm2', 'm3'].map((id) => caseOf(id));
    await settle();
    expect(fake!.requests).toHaveLength(4);
    expect(fake!.requests[0]!.body.response_format.json_schema.schema.properties['category']?.enum).toEqual([...HARM_IDS, 'none']);
    expect(aiEvents()).toEqual([]);
    expect(['m0', 'm1', 'm2', 'm3'].map((id) => caseOf(id))).toEqual(before);
    expect(await metric('malformed')).toBe(4);
    expect(await metric('model')).toBe(0);
  });

  it('is off by default: no llm section, no requests, no AI line', async () => {
    fake = await startFakeOpenAi({ key: KEY, behave: () => ({ kind: 'answer', json: {} }) });
    h = await startHarness({});
    expect(h.klaxon.aiTriage).toBeNull();
    await postIngest(
      h.url,
      { id: 'x1', source: 'twitter', author: { id: 'x' }, text: 'app down', createdAt: new Date().toISOString() },
      TEST_SECRETS.INGEST_SECRET,
    );
    await h.klaxon.worker.idle();
    expect(fake.requests).toEqual([]);
    expect(
      h.klaxon.db.db
        .select()
        .from(caseEvents)
        .where(and(eq(caseEvents.kind, 'ai_triaged')))
        .all(),
    ).toEqual([]);
  });
});
