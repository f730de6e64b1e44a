import { describe, expect, it } from 'vitest';
import { cases, outbox } from '../../db/schema/index.js';
import { ingestMentions } from '../../src/ingest/ingest.js';
import { parseIngestBody } from '../../src/ingest/schema.js';
import { checkSlaTimers } from '../../src/sla/ticker.js';
import { makeCore, parsed } from '../helpers/core.js';
import { mention } from '../helpers/ingest.js';

const NOW = new Date('2026-11-23T10:00:00Z');
const body = (createdAt: string) => ({ id: '1', source: 'email', text: 'hello', createdAt });
const problem = (createdAt: string) => parseIngestBody(body(createdAt), NOW).errors[0]?.message ?? null;

describe('mention dates', () => {
  it('refuses dates that do not exist instead of rolling them over', () => {
    for (const bad of [
      '2026-02-30T10:00:00Z',
      '2025-02-29T10:00:00Z',
      '2026-04-31T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-00-10T00:00:00Z',
      '2026-11-00T00:00:00Z',
      '2026-11-23T24:00:00Z',
      '2026-11-23T23:60:00Z',
      '2026-11-23T23:59:60Z',
      '2026-11-23T10:00:00+15:00',
      '2026-11-23T10:00:00+05:61',
    ]) {
      expect(problem(bad), bad).toMatch(/^createdAt is not a real date/);
    }
    expect(problem('2024-02-29T10:00:00Z')).toBeNull();
    expect(problem('2026-11-23T10:00:00+14:00')).toBeNull();
    expect(problem('2026-11-23T10:00:00.123456789-03:30')).toBeNull();
  });

  it('refuses dates more than a day ahead of the clock, and dates before 1970', () => {
    expect(problem('9999-12-31T23:59:59Z')).toContain('more than a day ahead');
    expect(problem('2026-11-24T10:00:01Z')).toContain('more than a day ahead');
    expect(problem('2026-11-24T10:00:00Z')).toBeNull();
    expect(problem('0000-01-01T00:00:00Z')).toContain('before 1970');
    expect(problem('1969-12-31T23:59:59Z')).toContain('before 1970');
  });

  it('the refusal is a 400 entry for that item; the rest of the batch is parsed', () => {
    const parsedBatch = parseIngestBody(
      {
        mentions: [
          body('2026-11-23T09:00:00Z'),
          { ...body('2026-02-30T09:00:00Z'), id: '2' },
          { ...body('2027-01-01T00:00:00Z'), id: '3' },
        ],
      },
      NOW,
    );
    expect(parsedBatch.mentions.map((m) => m.index)).toEqual([0]);
    expect(parsedBatch.errors.map((e) => [e.index, e.path])).toEqual([
      [1, 'createdAt'],
      [2, 'createdAt'],
    ]);
  });

  it('a mention older than a year is stored as history: no card, no SLA timer, out of the queue', async () => {
    const core = makeCore({ now: '2026-11-23T10:00:00Z' });
    const result = await ingestMentions(core.ingest, [
      parsed(mention({ id: 'old', createdAt: '2025-06-01T10:00:00Z' })),
      parsed(mention({ id: 'new', createdAt: '2026-11-23T09:00:00Z' })),
    ]);
    expect(result.accepted).toBe(2);
    const [old, live] = core.handle.db.select().from(cases).all();
    expect(old).toMatchObject({ state: 'resolved', route: {}, resolvedAt: null });
    expect(live).toMatchObject({ state: 'open', route: { slack: 'CTRIAGE' } });
    expect(
      core.handle.db
        .select()
        .from(outbox)
        .all()
        .map((r) => r.caseId),
    ).toEqual([live!.id]);
    // Days later: the live case breaches, the history case never does (nor one opened live long ago).
    core.handle.exec(`UPDATE cases SET state = 'open' WHERE id = ${old!.id}`);
    const tick = await checkSlaTimers(
      { db: core.handle.db, sla: core.cases.sla, escalation: { channel: 'CESCALATE', channels: {}, onCall: null } },
      new Date('2026-11-26T10:00:00Z'),
    );
    expect(tick.breached).toEqual([live!.id]);
  });
});
