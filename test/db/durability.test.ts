import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createKlaxon, type Klaxon } from '../../app/compose.js';
import { ManualClock } from '../../src/clock.js';
import { silentLogger } from '../../src/log.js';
import { ingestMentions } from '../../src/ingest/ingest.js';
import { enqueue } from '../../src/outbox/enqueue.js';
import { outbox } from '../../db/schema/index.js';
import { eq } from 'drizzle-orm';
import { makeConfig, TEST_SECRETS } from '../helpers/config.js';
import { parsed } from '../helpers/core.js';
import { mention } from '../helpers/ingest.js';

/**
 * A 202 and an outbox row marked `sending` must outlive a power cut: the app's connection commits
 * with synchronous = FULL in WAL mode (SQLite then fsyncs the WAL before a commit returns). A
 * power cut cannot be staged in a test; what can be checked is the setting on the very connection
 * that ingests and runs the outbox, and that what it committed is in the file for any reader.
 */
describe('durability of what Klaxon acknowledged', () => {
  let dir: string;
  let app: Klaxon | null = null;
  afterEach(async () => {
    await app?.close(100);
    app = null;
    rmSync(dir, { recursive: true, force: true });
  });

  it('the app database commits with synchronous = FULL in WAL mode, and a row marked sending is in the file', async () => {
    dir = mkdtempSync(join(tmpdir(), 'klaxon-durable-'));
    const file = join(dir, 'klaxon.db');
    const clock = new ManualClock('2026-11-23T10:00:00Z');
    app = createKlaxon({
      config: makeConfig({ ...TEST_SECRETS, DATABASE_URL: file, TRIAGE_CHANNEL: 'CTRIAGE', SLACK_API_URL: 'http://127.0.0.1:9/api/' }),
      logger: silentLogger,
      clock,
      tuning: { jobs: false },
    });
    expect(app.db.pragma('journal_mode')).toBe('wal');
    expect(app.db.pragma('synchronous')).toBe(2); // 2 = FULL

    await ingestMentions(app.ingest, [parsed(mention({ id: 'd1', createdAt: '2026-11-23T09:59:00Z' }))]);
    enqueue(
      app.db.db,
      { kind: 'reply.public', platform: 'source', target: 'review', caseId: 1, text: 'hello', by: 'slack:U1', byName: 'u' },
      clock.now(),
    );
    const row = app.db.db.select().from(outbox).where(eq(outbox.kind, 'reply.public')).get()!;
    app.db.db.update(outbox).set({ status: 'sending', startedAt: clock.now() }).where(eq(outbox.id, row.id)).run();

    // Another connection (as after a restart) sees it without the app closing or checkpointing.
    const reader = new Database(file, { readonly: true });
    try {
      expect(reader.prepare('select status from outbox where id = ?').get(row.id)).toEqual({ status: 'sending' });
      expect(reader.prepare("select count(*) as n from mentions where external_id = 'd1'").get()).toEqual({ n: 1 });
    } finally {
      reader.close();
    }
  });
});
