import Database from 'better-sqlite3';
import { openDatabase } from '../../db/client.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const SOURCES: [string, number][] = [
  ['twitter', 0.55],
  ['facebook', 0.15],
  ['email', 0.12],
  ['instagram', 0.08],
  ['review', 0.05],
  ['chat', 0.05],
];
const PRIORITY_SHARES: [string, number][] = [
  ['P1', 0.05],
  ['P2', 0.15],
  ['P3', 0.3],
  ['P4', 0.5],
];
export const AGENTS = 40;

function pick(shares: [string, number][], u: number): string {
  let acc = 0;
  for (const [value, share] of shares) {
    acc += share;
    if (u < acc) return value;
  }
  return shares.at(-1)![0];
}

/** A small deterministic generator (mulberry32): the same data set in every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Writes `count` cases created over the 30 days before `now` into a fresh database file with the
 * real schema: realistic shares of priority and source, 40 agents owning 70 % of cases, 3 % marked
 * no-action, 85 % answered after a long-tailed first-response time (a minute to days), 60 % of
 * those resolved, sentiment spread over -1..1. Raw inserts in one transaction (the bench sets up
 * data; the report under test reads it). Returns the milliseconds taken.
 */
export function writeReportCases(path: string, count: number, now: number): number {
  openDatabase(path).close();
  const db = new Database(path);
  const start = performance.now();
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const insert = db.prepare(
      `insert into cases (state, kind, source, author_key, first_mention_id, priority, score, sentiment, reasons, route, ` +
        `owner_id, owner_name,
         created_at, opened_at, updated_at, first_response_at, first_response_via, resolved_at, actionable, mention_count, reach)
       values (?, 'single', ?, ?, ?, ?, ?, ?, '["very negative","1.2k followers"]', '{"slack":"CTRIAGE"}', ?, ?, ?, ?, ?, ?, ?, ?, ?, ` +
        `1, ?)`,
    );
    // Indexes are dropped for the bulk load and rebuilt after it (the same indexes, built from
    // sorted data: several times faster than updating them row by row).
    const indexes = db
      .prepare(`select name, sql from sqlite_master where type = 'index' and tbl_name = 'cases' and sql is not null`)
      .all() as { name: string; sql: string }[];
    for (const { name } of indexes) db.exec(`drop index "${name}"`);
    const rnd = random(42);
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const created = now - Math.floor(rnd() * 30 * DAY);
        const priority = pick(PRIORITY_SHARES, rnd());
        const source = pick(SOURCES, rnd());
        const agent = rnd() < 0.7 ? Math.floor(rnd() * AGENTS) : -1;
        const frt = Math.floor(MINUTE * Math.exp(rnd() * 8.3)); // 1 min .. ~3 days, long-tailed
        const answeredAt = rnd() < 0.85 && created + frt <= now ? created + frt : null;
        const resolvedAt = answeredAt !== null && rnd() < 0.6 ? Math.min(now, answeredAt + Math.floor(rnd() * 2 * DAY)) : null;
        insert.run(
          resolvedAt === null ? 'open' : 'resolved',
          source,
          `${source}:id:${i}`,
          i + 1,
          priority,
          Math.floor(rnd() * 100),
          Math.round((rnd() * 2 - 1) * 1000) / 1000,
          agent < 0 ? null : `slack:U${String(agent).padStart(4, '0')}`,
          agent < 0 ? null : `Agent ${agent}`,
          created,
          created,
          resolvedAt ?? answeredAt ?? created,
          answeredAt,
          answeredAt === null ? null : 'klaxon',
          resolvedAt,
          rnd() < 0.97 ? 1 : 0,
          Math.floor(rnd() * 5000),
        );
      }
    })();
    for (const { sql } of indexes) db.exec(sql);
  } finally {
    db.close();
  }
  return performance.now() - start;
}
