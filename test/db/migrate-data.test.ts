import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { asc, is, Table } from 'drizzle-orm';
import { getTableConfig as pgTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDataCommand } from '../../app/cli/migrate-data.js';
import { openDatabase } from '../../db/client.js';
import { openPostgres, type PgHandle } from '../../db/client-pg.js';
import * as lite from '../../db/schema/index.js';
import * as pgs from '../../db/schema-pg/index.js';
import { postgresql } from '../helpers/requirements.js';
import { createTestSchema, type TestSchema } from './pg-test-schema.js';

const postgres = await postgresql(import.meta.filename);

const root = join(import.meta.dirname, '../..');
const BIN = join(root, 'bin/klaxon.js');
/** Trust authentication ignores it; it is there to prove no line ever shows it. */
const PASSWORD = 'pw-Sekr3t';

/** The real entry point under plain node, as an operator runs it. */
function klaxon(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [BIN, ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

/** The same command in this process (what main.ts runs for `migrate-data`): the refusals, without starting node each time. */
async function migrateData(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const sink = (write: (text: string) => void) =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        write(chunk.toString());
        done();
      },
    });
  const status = await migrateDataCommand(
    args,
    sink((t) => {
      stdout += t;
    }),
    sink((t) => {
      stderr += t;
    }),
  );
  return { status, stdout, stderr };
}

const withPassword = (url: string) => {
  const u = new URL(url);
  u.password = PASSWORD;
  return u.toString();
};

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 20, 8, 30, 0, 7);
const MENTIONS = 12_000; // three batches of the copy's 5,000 rows, the last one partial
const CASES = 300;

/** A Klaxon SQLite file with every table filled, edge values included: what an upgrade copies. */
function buildSqliteFile(file: string): void {
  const handle = openDatabase(file);
  const db = handle.db;
  const text = (i: number) => `Zoë “charged twice” 漢字 🚨 'quote' \\ back\nline ${i}`;
  db.transaction((tx) => {
    for (let i = 0; i < MENTIONS; i += 1) {
      tx.insert(lite.mentions)
        .values({
          source: i % 2 ? 'twitter' : 'email',
          externalId: `m-${i}`,
          direction: i % 7 === 0 ? 'outbound' : 'inbound',
          authorId: i % 3 === 0 ? null : `u${i % 50}`,
          authorHandle: i % 3 === 0 ? null : `handle_${i % 50}`,
          authorName: i % 5 === 0 ? null : `Ünïcode ${i % 50}`,
          authorFollowers: i === 0 ? 3_000_000_000 : i % 4 === 0 ? null : i * 13,
          authorVerified: i % 2 === 0,
          text: text(i),
          url: i % 2 ? `https://x.com/h/status/${i}` : null,
          createdAt: new Date(T0 + i * 61_001),
          receivedAt: new Date(T0 + i * 61_001 + 999),
          inReplyTo: i % 9 === 0 ? `m-${i - 1}` : null,
          conversationId: i % 4 === 0 ? null : `c-${i % 300}`,
          isPrivate: i % 10 === 0,
          rating: i % 11 === 0 ? (i % 5) + 1 : null,
          repostOf: i % 97 === 0 ? 'm-1' : null,
          caseId: i % 8 === 0 ? null : (i % CASES) + 1,
          score: i % 6 === 0 ? null : i % 100,
          severity: i % 6 === 0 ? null : (i % 17) / 3,
          sentiment: i % 6 === 0 ? null : 0.1 + 0.2 - (i % 3),
          reasons: i % 2 ? ['threatens legal action', `reason ${i}`] : [],
          themes: i % 5 ? [] : ['billing', 'outage ⚡'],
          publicReply: i % 3 === 0 ? null : { possible: i % 2 === 0, why: i % 2 ? 'not mentioned' : null },
        })
        .run();
    }
    for (let i = 1; i <= CASES; i += 1) {
      const created = new Date(T0 + i * 3_600_007);
      tx.insert(lite.cases)
        .values({
          state: i % 4 === 0 ? 'resolved' : 'open',
          kind: i % 50 === 0 ? 'incident' : 'single',
          mergedInto: i % 51 === 0 ? 50 : null,
          source: i % 2 ? 'twitter' : 'email',
          authorKey: `twitter:u${i}`,
          conversationKey: i % 3 ? `c-${i}` : null,
          firstMentionId: i,
          priority: (['P1', 'P2', 'P3', 'P4'] as const)[i % 4]!,
          score: i % 100,
          sentiment: -0.5 + (i % 10) / 10,
          reasons: ['a', `ü ${i}`],
          // Key order not sorted: PostgreSQL must give it back as written.
          route: i % 2 ? { teams: '19:abc@thread.tacv2', slack: 'C0TRIAGE' } : { slack: 'C0TRIAGE' },
          ownerId: i % 3 ? `slack:U${i % 7}` : null,
          ownerName: i % 3 ? `Agent ${i % 7}` : null,
          createdAt: created,
          openedAt: created,
          updatedAt: new Date(created.getTime() + 5_000),
          firstResponseAt: i % 2 ? new Date(created.getTime() + 600_001) : null,
          firstResponseVia: i % 2 ? (i % 4 === 1 ? 'klaxon' : 'outside') : null,
          firstResponseBy: i % 2 ? `slack:U${i % 7}` : null,
          resolvedAt: i % 4 === 0 ? new Date(created.getTime() + DAY) : null,
          resolvedBy: i % 4 === 0 ? 'slack:U1' : null,
          actionable: i % 9 !== 0,
          mentionCount: (i % 5) + 1,
          reach: i === 50 ? 5_000_000_000 : i * 100,
          slaWarnedAt: i % 6 === 0 ? new Date(created.getTime() + 1_000) : null,
          slaBreachedAt: i % 12 === 0 ? new Date(created.getTime() + 2_000) : null,
          harm: i % 10 ? [] : ['legal', 'safety'],
          language: i % 4 ? 'en' : null,
          intent: i % 3 ? 'complaint' : null,
          guidance: i % 20 ? null : 'Escalate to legal; do not promise refunds.',
          version: i % 5,
        })
        .run();
      tx.insert(lite.caseEvents)
        .values([
          { caseId: i, at: created, actor: 'ingest', actorName: null, platform: 'system', kind: 'opened', detail: null },
          {
            caseId: i,
            at: new Date(created.getTime() + 1),
            actor: `slack:U${i}`,
            actorName: 'Zoë',
            platform: 'slack',
            kind: 'claimed',
            detail: { z: 1, a: [true, null, 'ü'], nested: { b: 2.5 } },
          },
        ])
        .run();
      tx.insert(lite.cardRefs)
        .values({ caseId: i, platform: 'slack', ref: `slack:C0TRIAGE:1712.${i}`, renderedVersion: i % 5, postedAt: created })
        .run();
    }
    tx.insert(lite.vips)
      .values([
        { handle: 'bigcustomer', note: null, addedBy: 'slack:U1', addedAt: new Date(T0) },
        { handle: 'zoë', note: 'Ünïcode note ✓', addedBy: 'teams:29:abc', addedAt: new Date(T0 + 1) },
      ])
      .run();
    for (let i = 0; i < 400; i += 1) {
      tx.insert(lite.outbox)
        .values({
          kind: i % 2 ? 'post_card' : 'reply',
          platform: i % 3 ? 'slack' : 'teams',
          target: `C${i % 5}`,
          caseId: i % 10 ? (i % CASES) + 1 : null,
          payload: { text: `card ${i} — ✓`, blocks: [{ type: 'section', z: 1, a: 2 }] },
          status: (['pending', 'sending', 'done', 'failed', 'uncertain'] as const)[i % 5]!,
          attempts: i % 4,
          nextAttemptAt: new Date(T0 + i),
          createdAt: new Date(T0 + i),
          startedAt: i % 2 ? new Date(T0 + i + 10) : null,
          sentAt: i % 5 === 2 ? new Date(T0 + i + 20) : null,
          lastError: i % 5 === 3 ? 'HTTP 500 from chat.postMessage' : null,
          resultRef: i % 5 === 2 ? `slack:C1:${i}.0001` : null,
          dedupeKey: i % 3 ? `dedupe-${i}` : null,
        })
        .run();
    }
    tx.insert(lite.kvState)
      .values({ key: 'twitter:since_id', value: '1862291530000000000', updatedAt: new Date(T0) })
      .run();
    tx.insert(lite.processedDeliveries)
      .values({ key: 'slack:Ev123', at: new Date(T0 + 42) })
      .run();
    tx.insert(lite.webhookInbox)
      .values([
        {
          source: 'meta',
          topic: 'page',
          digest: 'ab'.repeat(32),
          body: '{"object":"page","entry":[{"ü":"✓"}]}',
          receivedAt: new Date(T0),
          nextAttemptAt: new Date(T0),
        },
        {
          source: 'meta',
          topic: 'instagram',
          digest: 'cd'.repeat(32),
          body: '{}',
          receivedAt: new Date(T0),
          attempts: 3,
          nextAttemptAt: new Date(T0 + 9),
          processedAt: new Date(T0 + 10),
          lastError: 'no page id',
        },
      ])
      .run();
    // Stored report days, written after the cases (whose triggers would drop them otherwise).
    const packed = Buffer.from(new Float64Array([600.001, Number.NaN, 1e-300]).buffer);
    tx.insert(lite.reportDays)
      .values([
        { day: Math.floor(T0 / DAY) - 3, policy: 'sla-hash-1', groups: '{"P1":{"total":3}}', rows: packed, computedAt: new Date(T0) },
        { day: Math.floor(T0 / DAY) - 2, policy: 'sla-hash-1', groups: '{}', rows: Buffer.alloc(0), computedAt: new Date(T0) },
      ])
      .run();
  });
  // Ids deleted at the end: SQLite's AUTOINCREMENT never hands them out again, nor must PostgreSQL.
  handle.exec(`delete from cases where id > ${CASES - 2}; delete from outbox where id > 395`);
  handle.close();
}

const sqliteTables = (Object.values(lite) as unknown[]).filter((v): v is SQLiteTable => is(v, Table));
const pgTablesByName = new Map(
  (Object.values(pgs) as unknown[]).filter((v): v is PgTable => is(v, Table)).map((t) => [pgTableConfig(t).name, t]),
);

/** Every row of every table through each dialect's drizzle schema, ordered by primary key. */
async function everyRow(
  file: string,
  pgHandle: PgHandle,
): Promise<{ sqlite: Record<string, unknown[]>; postgres: Record<string, unknown[]> }> {
  const handle = openDatabase(file, { migrate: false });
  const sqlite: Record<string, unknown[]> = {};
  const postgresRows: Record<string, unknown[]> = {};
  try {
    for (const table of sqliteTables) {
      const config = sqliteTableConfig(table);
      const keyNames = config.columns.filter((c) => c.primary).map((c) => c.name);
      const keys = keyNames.length ? keyNames : (config.primaryKeys[0]?.columns.map((c) => c.name) ?? []);
      const fieldOf = (t: object, column: string) => Object.values(t).find((c) => (c as { name?: string }).name === column) as never;
      sqlite[config.name] = handle.db
        .select()
        .from(table)
        .orderBy(...keys.map((k) => asc(fieldOf(table, k))))
        .all();
      const pgTable = pgTablesByName.get(config.name)!;
      postgresRows[config.name] = await pgHandle.db
        .select()
        .from(pgTable)
        .orderBy(...keys.map((k) => asc(fieldOf(pgTable, k))));
    }
  } finally {
    handle.close();
  }
  return { sqlite, postgres: postgresRows };
}

describe.skipIf(postgres.skip)('klaxon migrate-data: a SQLite file into PostgreSQL, end to end', { timeout: 120_000 }, () => {
  let dir: string;
  let file: string;
  let schema: TestSchema;
  let pgHandle: PgHandle;
  let target: string;

  beforeAll(async () => {
    postgres.assertPresent();
    dir = mkdtempSync(join(tmpdir(), 'klaxon-migrate-data-'));
    file = join(dir, 'klaxon.db');
    buildSqliteFile(file);
    schema = await createTestSchema(postgres.url);
    target = withPassword(schema.url);
  });

  afterAll(async () => {
    await pgHandle?.close();
    await schema?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('migrates the empty target, copies every table in one go and prints the rows per table, never the password', async () => {
    const run = klaxon(['migrate-data', '--from', file, '--to', target]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(`${run.stdout}${run.stderr}`).not.toContain(PASSWORD);
    expect(run.stdout).toContain(`into postgres://postgres:***@127.0.0.1:5432/test`);
    expect(run.stdout).toContain('applied 2 PostgreSQL migrations first: 0000_init, 0001_report_days_invalidation');
    const sqlite = new Database(file, { readonly: true });
    const printed = Object.fromEntries([...run.stdout.matchAll(/^ {2}(\w+) +(\d+) rows$/gm)].map((m) => [m[1], Number(m[2])]));
    const counted = Object.fromEntries(
      sqliteTables.map((t) => {
        const name = sqliteTableConfig(t).name;
        return [name, (sqlite.prepare(`select count(*) as n from ${name}`).get() as { n: number }).n];
      }),
    );
    sqlite.close();
    expect(printed).toEqual(counted);
    expect(counted).toMatchObject({ mentions: MENTIONS, cases: CASES - 2, case_events: 2 * CASES, report_days: 2 });
    const total = Object.values(counted).reduce((a, b) => a + b, 0);
    expect(run.stdout).toMatch(new RegExp(`^copied ${total} rows in 10 tables in one transaction \\(\\d+\\.\\d s\\)$`, 'm'));

    pgHandle = await openPostgres(postgres.url, { schema: schema.name, max: 2 });
    expect(pgHandle.appliedMigrations).toEqual([]);
    const rows = await everyRow(file, pgHandle);
    for (const table of Object.keys(rows.sqlite)) {
      expect(rows.postgres[table], table).toEqual(rows.sqlite[table]);
      // Byte for byte, JSON key order and all (toEqual alone ignores key order).
      expect(JSON.stringify(rows.postgres[table]), table).toBe(JSON.stringify(rows.sqlite[table]));
    }
    // The values the brief of an upgrade worries about, spelled out.
    const firstCase = rows.postgres.cases?.[0] as typeof pgs.cases.$inferSelect;
    expect(firstCase.createdAt).toEqual(new Date(T0 + 3_600_007));
    expect(firstCase.route).toEqual({ teams: '19:abc@thread.tacv2', slack: 'C0TRIAGE' });
    expect(Object.keys(firstCase.route)).toEqual(['teams', 'slack']);
    const bigReach = (rows.postgres.cases as (typeof pgs.cases.$inferSelect)[]).find((c) => c.id === 50);
    expect(bigReach?.reach).toBe(5_000_000_000);
    const m0 = rows.postgres.mentions?.[0] as typeof pgs.mentions.$inferSelect;
    expect(m0).toMatchObject({
      authorFollowers: 3_000_000_000,
      authorVerified: true,
      authorId: null,
      publicReply: null,
      text: expect.stringContaining('漢字 🚨'),
    });
    const day = rows.postgres.report_days?.[0] as { rows: Buffer } | undefined;
    expect(day?.rows.equals(Buffer.from(new Float64Array([600.001, Number.NaN, 1e-300]).buffer))).toBe(true);
  });

  it('the identities continue where SQLite would: after the highest id ever handed out, deleted ones included', async () => {
    const sqlite = new Database(file);
    const nextLite = (table: string) =>
      Number((sqlite.prepare('select seq from sqlite_sequence where name = ?').get(table) as { seq: number }).seq) + 1;
    const expected = { cases: nextLite('cases'), outbox: nextLite('outbox'), mentions: nextLite('mentions') };
    sqlite.close();
    expect(expected.cases).toBe(CASES + 1);
    const client = await pgHandle.pool.connect();
    try {
      await client.query('begin');
      const next = async (table: string) =>
        Number((await client.query(`select nextval(pg_get_serial_sequence('${table}', 'id')) as n`)).rows[0].n);
      expect({ cases: await next('cases'), outbox: await next('outbox'), mentions: await next('mentions') }).toEqual(expected);
    } finally {
      await client.query('rollback');
      client.release();
    }
  });

  it('refuses a target that already holds data, in one line, and leaves it as it was', async () => {
    const run = await migrateData(['--from', file, '--to', target]);
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        [
          '^klaxon migrate-data: the PostgreSQL database already holds Klaxon data ',
          `\\(card_refs 300, case_events 600, cases 298, .*mentions ${MENTIONS}, outbox 395, .*\\): `,
          'copy into an empty one, or add --force to replace it$',
        ].join(''),
      ),
    );
    expect(run.stderr).not.toContain(PASSWORD);
    expect(Number((await pgHandle.pool.query('select count(*) as n from mentions')).rows[0].n)).toBe(MENTIONS);
  });

  it('--force replaces what the target holds with the SQLite data', async () => {
    await pgHandle.pool.query("update cases set owner_name = 'changed in PostgreSQL' where id = 1");
    await pgHandle.pool.query("insert into vips (handle, added_by, added_at) values ('only-in-pg', 'x', 1)");
    const run = klaxon(['migrate-data', '--from', file, '--to', target, '--force']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^--force: replaced what the database held \(.*vips 3.*\)$/m);
    const rows = await everyRow(file, pgHandle);
    expect(JSON.stringify(rows.postgres)).toBe(JSON.stringify(rows.sqlite));
  });

  it('a row PostgreSQL cannot take rolls the whole copy back, said in one line', async () => {
    const broken = join(dir, 'broken.db');
    buildSmall(broken, (sqlite) => sqlite.exec('update cases set actionable = 2 where id = 1'));
    const run = await migrateData(['--from', broken, '--to', target, '--force']);
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      'klaxon migrate-data: nothing was copied (the transaction was rolled back): ' +
        'cases.actionable holds 2, which is not 0 or 1 (a boolean)',
    ]);
    // --force's TRUNCATE went with the rollback: the previous copy is all still there.
    expect(Number((await pgHandle.pool.query('select count(*) as n from mentions')).rows[0].n)).toBe(MENTIONS);
  });

  it('refuses in one line each: no file, not SQLite, not Klaxon’s, not migrated, a bad --to, a server that does not answer', async () => {
    const notSqlite = join(dir, 'notes.db');
    writeFileSync(notSqlite, 'hello, this is not a database\n');
    const foreign = join(dir, 'foreign.db');
    new Database(foreign).exec('create table t (x)');
    const behind = join(dir, 'behind.db');
    buildSmall(behind, (sqlite) =>
      sqlite.exec('delete from __drizzle_migrations where created_at = (select max(created_at) from __drizzle_migrations)'),
    );
    const cases: [string[], number, RegExp][] = [
      [['--from', join(dir, 'absent.db'), '--to', target], 1, /^klaxon migrate-data: there is no SQLite database at .*absent\.db$/],
      [
        ['--from', notSqlite, '--to', target],
        1,
        /^klaxon migrate-data: .*notes\.db is not a readable SQLite database \(file is not a database\)$/,
      ],
      [['--from', foreign, '--to', target], 1, /^klaxon migrate-data: .*foreign\.db is not a Klaxon database: it has no migration record$/],
      [
        ['--from', behind, '--to', target],
        1,
        new RegExp(
          '^klaxon migrate-data: .*behind\\.db is at migration 0008_report_days, ' +
            "older than this version's 0009_report_days_invalidation: " +
            'run "DATABASE_URL=.* npx klaxon migrate" first$',
        ),
      ],
      [
        ['--from', file, '--to', 'mysql://root:pw-Sekr3t@localhost/k'],
        2,
        /^klaxon migrate-data: --to must be a postgres:\/\/ or postgresql:\/\/ URL$/,
      ],
      [
        ['--from', file, '--to', `postgres://klaxon:${PASSWORD}@127.0.0.1:1/klaxon`],
        1,
        new RegExp(
          '^klaxon migrate-data: cannot open the PostgreSQL database postgres://klaxon:\\*\\*\\*@127\\.0\\.0\\.1:1/klaxon: ' +
            'connect ECONNREFUSED 127\\.0\\.0\\.1:1$',
        ),
      ],
      [['--to', target], 2, /^klaxon migrate-data: --from is required/],
    ];
    for (const [args, status, line] of cases) {
      const run = await migrateData(args);
      expect(run.status, args.join(' ')).toBe(status);
      expect(run.stderr.split('\n')[0], args.join(' ')).toMatch(line);
      expect(`${run.stdout}${run.stderr}`).not.toContain(PASSWORD);
    }
  });
});

/** A small migrated SQLite file with one case, then `spoil` applied to it. */
function buildSmall(file: string, spoil: (sqlite: Database.Database) => void): void {
  const handle = openDatabase(file);
  const at = new Date(T0);
  handle.db
    .insert(lite.cases)
    .values({
      source: 'email',
      authorKey: 'email:a',
      firstMentionId: 1,
      priority: 'P2',
      score: 1,
      createdAt: at,
      openedAt: at,
      updatedAt: at,
    })
    .run();
  handle.close();
  const sqlite = new Database(file);
  spoil(sqlite);
  sqlite.close();
}
