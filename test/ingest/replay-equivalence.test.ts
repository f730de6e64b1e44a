import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import type { Db } from '../../db/types.js';
import { cases, mentions, outbox } from '../../db/schema/index.js';
import { replayCommand } from '../../app/cli/replay.js';
import { makeConfig, TEST_SECRETS } from '../helpers/config.js';
import { startHarness } from '../helpers/harness.js';
import { postIngest } from '../helpers/ingest.js';

/** Settings that change what ingest does: a harm floor raised, cards only from P2, a routing rule. */
const FILE = {
  brands: [{ name: 'Acme', handles: ['@AcmeHelp'], keywords: ['acme'] }],
  harm: { legal: 'P1' },
  cards: { minPriority: 'P2' },
  routing: [{ name: 'reviews', match: { sources: ['review'] }, slack: 'CREVIEWS' }],
};
const ENV = { TRIAGE_CHANNEL: 'CTRIAGE', ESCALATION_CHANNEL: 'CESCALATE' };

function lines(now: number): unknown[] {
  const at = (minutes: number) => new Date(now - minutes * 60_000).toISOString();
  const author = (n: number) => ({ id: `a${n}`, handle: `user${n}`, followers: 100 + n });
  return [
    {
      id: 'legal-1',
      source: 'twitter',
      author: author(1),
      text: '@AcmeHelp my solicitor is taking you to court over the double charge',
      createdAt: at(30),
    },
    { id: 'praise-1', source: 'twitter', author: author(2), text: 'Thanks @AcmeHelp, lovely service today!', createdAt: at(29) },
    {
      id: 'review-1',
      source: 'review',
      author: author(3),
      text: 'Engineer never came, waited all day with no call',
      createdAt: at(28),
      rating: 1,
    },
    {
      id: 'legal-1',
      source: 'twitter',
      author: author(1),
      text: '@AcmeHelp my solicitor is taking you to court over the double charge',
      createdAt: at(30),
    },
    {
      id: 'dm-1',
      source: 'twitter',
      author: author(4),
      text: 'Here is my account number, please call me',
      createdAt: at(27),
      Private: true,
    },
    { id: 'typed-1', source: 'twitter', author: { handle: 'x', followers: '48k' }, text: 'Charged twice', createdAt: at(26) },
    ...[5, 6, 7, 8, 9].map((n, i) => ({
      id: `outage-${n}`,
      source: 'twitter',
      author: author(n),
      text: `@AcmeHelp broadband down again in Leeds, no internet since this morning (${n})`,
      createdAt: at(20 - i),
    })),
  ];
}

/** What ingest decided, in a form two databases can be compared by (ids differ, decisions must not). */
function decisions(db: Db) {
  const byId = new Map(
    db
      .select()
      .from(mentions)
      .all()
      .map((m) => [m.caseId, m.externalId]),
  );
  const ref = (caseId: number | null) => (caseId === null ? null : (byId.get(caseId) ?? `case:${caseId}`));
  return {
    mentions: db
      .select()
      .from(mentions)
      .all()
      .map((m) => ({ id: m.externalId, private: m.isPrivate, score: m.score, reasons: m.reasons }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    cases: db
      .select()
      .from(cases)
      .all()
      .map((c) => ({
        first: ref(c.id),
        kind: c.kind,
        state: c.state,
        priority: c.priority,
        score: c.score,
        reasons: c.reasons,
        route: c.route,
        mergedInto: ref(c.mergedInto),
      }))
      .sort((a, b) => String(a.first).localeCompare(String(b.first))),
    outbox: db
      .select()
      .from(outbox)
      .all()
      .map((o) => `${o.kind} ${o.platform} ${o.target} ${ref(o.caseId)}`)
      .sort(),
  };
}

/**
 * `klaxon replay` and `POST /ingest` are one use-case: the same file, replayed or posted to the
 * real server, gives the same refusals (in the same words) and the same cases, priorities, storm
 * grouping and queued cards, on the real migrations in SQLite.
 */
describe('klaxon replay ingests exactly as POST /ingest does', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'klaxon-replay-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('same refusals, same cases, same cards', async () => {
    const now = Date.now();
    const items = lines(now);

    const h = await startHarness({ env: ENV, file: FILE });
    let posted: Awaited<ReturnType<typeof postIngest>>;
    let viaIngest: ReturnType<typeof decisions>;
    try {
      posted = await postIngest(h.url, { mentions: items }, TEST_SECRETS.INGEST_SECRET, h.clock.now());
      viaIngest = decisions(h.klaxon.db.db);
    } finally {
      await h.close();
    }
    expect(posted.status).toBe(400);

    const file = join(dir, 'mentions.jsonl');
    writeFileSync(file, `${items.map((i) => JSON.stringify(i)).join('\n')}\n`);
    const dbPath = join(dir, 'replay.db');
    let printed = '';
    const out = new Writable({
      write(chunk, _encoding, done) {
        printed += String(chunk);
        done();
      },
    });
    const code = await replayCommand(makeConfig({ ...TEST_SECRETS, ...ENV, DATABASE_URL: dbPath }, FILE), file, out);
    expect(code).toBe(1);
    const db = openDatabase(dbPath);
    let viaReplay: ReturnType<typeof decisions>;
    try {
      viaReplay = decisions(db.db);
    } finally {
      db.close();
    }

    // The refusals, in /ingest's words, by line (line = index + 1).
    const expected = new Map<number, string[]>();
    for (const e of posted.json.errors as { index: number; message: string }[])
      expected.set(e.index + 1, [...(expected.get(e.index + 1) ?? []), e.message]);
    expect([...expected.keys()]).toEqual([5, 6]);
    for (const [line, messages] of expected) expect(printed).toContain(`line ${line}: ${messages.join('; ')}\n`);
    expect(printed).toContain(`accepted ${posted.json.accepted}, duplicates ${posted.json.duplicates}, rejected 2\n`);

    // The same decisions: the raised legal floor, no card below P2, the review routed, the storm.
    expect(viaReplay).toEqual(viaIngest);
    expect(viaIngest.cases.find((c) => c.first === 'legal-1')?.priority).toBe('P1');
    expect(viaIngest.outbox.some((o) => o.endsWith(' praise-1'))).toBe(false);
    expect(viaIngest.mentions.map((m) => m.id)).not.toContain('dm-1');
  });
});
