import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, mentions } from '../../db/schema/index.js';
import { TEST_SECRETS } from '../helpers/config.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { mention, postIngest } from '../helpers/ingest.js';
import { postSlack, slashCommandBody } from '../helpers/slack.js';

/** Names every JavaScript object already answers to. */
const NAMES = ['constructor', '__proto__', 'hasOwnProperty', 'toString'];

/**
 * Names from outside — a source, a brand handle, a VIP — may be the names of Object.prototype's
 * members. Looked up in a plain object, `constructor` finds a function, the score became NaN and
 * the whole batch answered 500. Every lookup by such a name is a Map or an own-property check.
 */
describe('a batch whose sources, brand handles and VIPs are named like Object.prototype members', () => {
  let h: Harness;
  let res: { status: number; json: any };
  const sources = ['constructor', '__proto__', 'hasownproperty', 'tostring', 'hasOwnProperty', 'toString'];

  beforeAll(async () => {
    h = await startHarness({
      file: {
        brands: [
          { name: 'constructor', handles: NAMES },
          { name: 'toString', handles: ['valueOf'] },
        ],
        vips: NAMES,
        routing: [{ match: { brands: ['constructor'] }, slack: 'CBRANDS' }],
        scoring: { sources: { constructor: { bonus: 5 }, tostring: { multiplier: 1.1 } }, themeBonus: { constructor: 3 } },
        replies: { saved: [{ id: 'proto', title: 'Proto', text: 'Hi {constructor} {toString} {first_name}' }] },
      },
    });
    const now = h.clock.now();
    const at = new Date(now.getTime() - 60_000).toISOString();
    const batch = sources.map((source, i) =>
      mention({
        id: `p${i}`,
        source,
        author: { id: `a${i}`, handle: NAMES[i % NAMES.length]!, name: NAMES[i % NAMES.length]!, followers: 500 },
        text: `@${NAMES[i % NAMES.length]} my order never arrived and nobody answers`,
        createdAt: at,
      }),
    );
    res = await postIngest(h.url, { mentions: batch }, TEST_SECRETS.INGEST_SECRET, now);
    await h.klaxon.worker.idle();
  });
  afterAll(async () => {
    await h.close();
  });

  it('accepts every valid item and refuses only the sources the contract forbids, each with a 400 entry', () => {
    // `hasOwnProperty` and `toString` have capitals: not [a-z0-9_-], so those two items are refused.
    expect(res.status).toBe(400);
    expect(res.json.accepted).toBe(4);
    expect(res.json.errors.map((e: { index: number; path: string }) => [e.index, e.path])).toEqual([
      [4, 'source'],
      [5, 'source'],
    ]);
  });

  it('stores each case with a real score, the VIP reason and the brand route', () => {
    const stored = h.klaxon.db.db.select().from(cases).all();
    expect(stored.map((c) => c.source).sort()).toEqual(['__proto__', 'constructor', 'hasownproperty', 'tostring']);
    for (const c of stored) {
      expect(Number.isFinite(c.score)).toBe(true);
      expect(c.reasons).toContain('VIP');
      expect(c.route).toEqual({ slack: 'CBRANDS' });
    }
    expect(h.klaxon.db.db.select().from(mentions).all()).toHaveLength(4);
    expect(h.workspace.topLevel('CBRANDS')).toHaveLength(4);
  });

  it('answers queue, report and a reply on a source with no reply webhook, naming it', async () => {
    const queue = await postSlack(
      h.url,
      TEST_SECRETS.SLACK_SIGNING_SECRET,
      slashCommandBody({ text: 'queue', user: { id: 'UALICE', name: 'alice' }, channel: 'CTRIAGE' }),
    );
    expect(queue.status).toBe(200);
    expect(queue.text).toContain('K-1');
    const report = await postSlack(
      h.url,
      TEST_SECRETS.SLACK_SIGNING_SECRET,
      slashCommandBody({ text: 'report 24h', user: { id: 'UALICE', name: 'alice' }, channel: 'CTRIAGE' }),
    );
    expect(report.text).toContain('__proto__');
    const reply = await postSlack(
      h.url,
      TEST_SECRETS.SLACK_SIGNING_SECRET,
      slashCommandBody({ text: 'reply K-1 we are on it', user: { id: 'UALICE', name: 'alice' }, channel: 'CTRIAGE' }),
    );
    expect(reply.text).toContain('Replies on constructor are not configured');
    const metrics = await fetch(`${h.url}/metrics`);
    expect(await metrics.text()).toContain('klaxon_mentions_ingested_total{source="__proto__",direction="inbound"} 1');
  });
});

describe('one mention that cannot be stored', () => {
  it('gets a 400 entry with its index while the rest of the batch is accepted', async () => {
    const h = await startHarness();
    try {
      h.klaxon.db.exec(
        'CREATE TRIGGER fail_one BEFORE INSERT ON cases WHEN (SELECT external_id FROM mentions WHERE id = NEW.first_mention_id) = ' +
          "'bad' BEGIN SELECT RAISE(ABORT, 'boom'); END;",
      );
      const at = new Date(h.clock.now().getTime() - 60_000).toISOString();
      const batch = ['ok1', 'bad', 'ok2'].map((id) => mention({ id, createdAt: at }));
      const res = await postIngest(h.url, { mentions: batch }, TEST_SECRETS.INGEST_SECRET, h.clock.now());
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ accepted: 2, duplicates: 0, errors: [{ index: 1, path: '(mention)' }] });
      expect(res.json.errors[0].message).not.toContain('boom');
      await h.klaxon.worker.idle();
      expect(h.workspace.topLevel('CTRIAGE')).toHaveLength(2);
    } finally {
      await h.close();
    }
  });
});
