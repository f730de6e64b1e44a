import Database from 'better-sqlite3';
import { openDatabase } from '../../db/client.js';
import type { MentionJson } from './data.js';

/**
 * The ingest baseline: the same mention rows inserted with one raw better-sqlite3 prepared
 * statement in one transaction, into a database with the real schema (migrations applied, same
 * pragmas as db/client.ts). No validation, scoring, case, audit row or outbox: the floor cost of
 * getting the rows onto disk. Returns the milliseconds the inserts and the commit took.
 */
export function rawInsertMs(path: string, rows: readonly MentionJson[]): number {
  openDatabase(path).close(); // creates the file and applies the migrations
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    const insert = db.prepare(
      `insert into mentions (source, external_id, direction, author_id, author_handle, author_name, author_followers, author_verified,
        text, url, created_at, received_at, in_reply_to, conversation_id, is_private)
       values (?, ?, 'inbound', ?, ?, null, ?, ?, ?, null, ?, ?, null, null, 0) on conflict do nothing`,
    );
    const insertAll = db.transaction((list: readonly MentionJson[]) => {
      const now = Date.now();
      for (const m of list)
        insert.run(
          m.source,
          m.id,
          m.author.id,
          m.author.handle,
          m.author.followers,
          m.author.verified ? 1 : 0,
          m.text,
          Date.parse(m.createdAt),
          now,
        );
    });
    const start = performance.now();
    insertAll(rows);
    return performance.now() - start;
  } finally {
    db.close();
  }
}

/**
 * What the ingest path writes per new mention, with raw prepared statements and nothing computed:
 * the mention, its case, the audit row, the outbox row and the mention's score update. The floor
 * of the path's own writes (used to explain the gap, not as the baseline).
 */
export function rawPathWritesMs(path: string, rows: readonly MentionJson[]): number {
  openDatabase(path).close();
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    const mention = db.prepare(
      `insert into mentions (source, external_id, direction, author_id, author_handle, author_followers, author_verified, text, ` +
        `created_at, received_at, is_private)
       values (?, ?, 'inbound', ?, ?, ?, ?, ?, ?, ?, 0) on conflict do nothing`,
    );
    const kase = db.prepare(
      `insert into cases (kind, source, author_key, first_mention_id, priority, score, sentiment, reasons, route, created_at, ` +
        `opened_at, updated_at, reach)
       values ('single', ?, ?, ?, 'P3', 40, -0.5, '["very negative"]', '{"slack":"CTRIAGE"}', ?, ?, ?, ?)`,
    );
    const score = db.prepare(
      `update mentions set case_id = ?, score = 40, severity = 0.5, sentiment = -0.5, reasons = '["very negative"]', ` +
        `themes = '[]' where id = ?`,
    );
    const event = db.prepare(
      `insert into case_events (case_id, at, actor, platform, kind, detail) values (?, ?, 'ingest', 'ingest', 'opened', ?)`,
    );
    const outbox = db.prepare(
      `insert into outbox (kind, platform, target, case_id, payload, next_attempt_at, created_at, ` +
        `dedupe_key) values ('card.post', 'slack', 'CTRIAGE', ?, ?, ?, ?, ?) on conflict do nothing`,
    );
    const writeAll = db.transaction((list: readonly MentionJson[]) => {
      const now = Date.now();
      for (const m of list) {
        const created = Date.parse(m.createdAt);
        const mentionId = Number(
          mention.run(m.source, m.id, m.author.id, m.author.handle, m.author.followers, m.author.verified ? 1 : 0, m.text, created, now)
            .lastInsertRowid,
        );
        const caseId = Number(
          kase.run(m.source, `${m.source}:id:${m.author.id}`, mentionId, created, now, now, m.author.followers).lastInsertRowid,
        );
        score.run(caseId, mentionId);
        event.run(caseId, now, `{"mentionId":${mentionId},"score":40,"priority":"P3"}`);
        outbox.run(caseId, `{"caseId":${caseId}}`, now, now, `card.post:slack:${caseId}`);
      }
    });
    const start = performance.now();
    writeAll(rows);
    return performance.now() - start;
  } finally {
    db.close();
  }
}
