import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
/** What `npx klaxon` and `npm start` run: bin/klaxon.js under plain node, straight from a checkout (no build). */
const BIN = join(root, 'bin/klaxon.js');

function env(extra: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? '', ...extra };
}

function run(args: string[], extra: Record<string, string>, input?: string) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd: root, env: env(extra), encoding: 'utf8', input, timeout: 45_000 });
}

/** Starts the CLI with plain node (vitest hides ESM import errors that node hits). */
function startEntry(extra: Record<string, string>): Promise<{ child: ChildProcess; url: string; logs: () => string }> {
  const child = spawn(process.execPath, [BIN, 'start'], { cwd: root, env: env(extra), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve, reject) => {
    // A cold start compiles the sources through tsx first: allow for that on a busy machine.
    const timer = setTimeout(() => reject(new Error(`no listening line within 45 s:\n${output}`)), 45_000);
    child.stderr?.on('data', (d: Buffer) => {
      output += d.toString();
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: match[1], logs: () => output });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before listening:\n${output}`));
    });
  });
}

async function stop(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}

// Each run may compile the sources through tsx first (a cold cache on a busy machine).
describe('the real entry point (bin/klaxon.js) under plain node, with no build step', { timeout: 90_000 }, () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'klaxon-smoke-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(
    'starts with nothing configured, says what is missing and where it really listens, serves /healthz, ' +
      'loopback ingest and GET / → /sandbox; a second start on the same port says the port is taken',
    async () => {
      const dbPath = join(dir, 'nested', 'klaxon.db');
      const { child, url, logs } = await startEntry({ PORT: '0', HOST: '0.0.0.0', DATABASE_URL: dbPath });
      try {
        expect(existsSync(dbPath)).toBe(true);
        expect(logs()).toContain('Slack is not configured: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET');
        expect(logs()).toContain('X/Twitter is not configured');
        expect(logs()).toContain('Permissions: everyone in the workspace may act on cases and read the queue');
        // Unsigned /ingest only because the sandbox is on, and the log says so.
        expect(logs()).toContain(
          'The sandbox is on and INGEST_SECRET is not set: POST /ingest takes unsigned requests from this machine (loopback)',
        );
        // Bound to every interface: the log says so instead of claiming 127.0.0.1.
        expect(url).toMatch(/^http:\/\/0\.0\.0\.0:\d+$/);
        expect(logs()).toMatch(/every network interface; from this machine: http:\/\/localhost:\d+/);
        expect(logs()).toContain('"migrationsApplied":["0000_init"');
        const port = new URL(url).port;
        const local = `http://127.0.0.1:${port}`;
        expect((await fetch(`${local}/healthz`)).status).toBe(200);
        const ingest = await fetch(`${local}/ingest`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            id: 'smoke-1',
            source: 'email',
            text: 'I want a refund, my card was charged twice',
            createdAt: new Date().toISOString(),
            private: true,
          }),
        });
        expect(ingest.status).toBe(202);
        expect(await ingest.json()).toEqual({ accepted: 1, duplicates: 0 });
        // The same cases as CSV on stdout, while the server runs (SQLite WAL lets both read).
        const exported = run(['export', '--since', '30d'], { DATABASE_URL: dbPath });
        expect(exported.status).toBe(0);
        const lines = exported.stdout.split('\r\n').filter(Boolean);
        expect(lines[0]).toBe(
          'ref,source,author,priority,reasons,created,first_response,frt_minutes,sla_met,owner,state,resolved,actionable',
        );
        expect(lines).toHaveLength(2);
        expect(lines[1]).toMatch(/^K-1,email,/);
        const bad = run(['export', '--since', 'yesterday'], { DATABASE_URL: dbPath });
        expect(bad.status).toBe(2);
        expect(bad.stderr).toMatch(/expected a span such as 24h, 7d, 30d or 12w/);
        const home = await fetch(`${local}/`, { redirect: 'manual' });
        expect(home.status).toBe(302);
        expect(home.headers.get('location')).toBe('/sandbox');

        const second = run(['start'], { PORT: port, HOST: '0.0.0.0', DATABASE_URL: join(dir, 'other.db'), KLAXON_SANDBOX: 'off' });
        expect(second.status).toBe(1);
        expect(second.stderr).toMatch(
          new RegExp(`^Klaxon cannot start: port ${port} on 0\\.0\\.0\\.0 is already in use .*choose a free port`, 'm'),
        );
        expect(second.stderr).not.toMatch(/EADDRINUSE|at Server\./);
      } finally {
        expect(await stop(child)).toBe(0);
      }
      expect(logs()).toContain('stopped cleanly');
    },
  );

  it('refuses to start on a bad setting, one line per problem', () => {
    const result = run(['start'], { PORT: 'abc', TWITTER_MODE: 'x', DATABASE_URL: ':memory:' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^ {2}PORT must be a port number$/m);
    expect(result.stderr).toMatch(/^ {2}TWITTER_MODE must be "stream" or "poll"$/m);
  });

  // `migrate` takes a PostgreSQL DATABASE_URL now (test/db/client-pg.test.ts); `start` waits for the asynchronous storage layer.
  it(
    'start refuses a PostgreSQL DATABASE_URL before touching the disk: names the scheme, never the password, ' +
      'makes no "postgres:" folder',
    () => {
      const url = 'postgres://klaxon:s3cret-pw@db.example.com:5432/klaxon';
      for (const command of ['start']) {
        const result = run([command], { DATABASE_URL: url, KLAXON_SANDBOX: 'off' });
        expect(result.status).toBe(2);
        expect(result.stderr).toMatch(
          /^ {2}DATABASE_URL uses the postgres: scheme: PostgreSQL is not supported by this version; use a file path or :memory:$/m,
        );
        expect(`${result.stdout}${result.stderr}`).not.toContain('s3cret-pw');
      }
      expect(existsSync(join(root, 'postgres:'))).toBe(false);
    },
  );

  it('a bare `klaxon` prints the commands and starts nothing', () => {
    const result = run([], { DATABASE_URL: join(dir, 'never.db'), PORT: '1' });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^usage: klaxon <command>/);
    for (const command of ['start', 'migrate', 'score', 'replay', 'report', 'export'])
      expect(result.stdout).toMatch(new RegExp(`^ {2}${command}\\b`, 'm'));
    expect(existsSync(join(dir, 'never.db'))).toBe(false);
  });

  it('migrate says which migrations it applied to a new database, then that it is up to date', () => {
    const dbPath = join(dir, 'migrate.db');
    const first = run(['migrate'], { DATABASE_URL: dbPath });
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/applied \d+ migrations?\n {2}0000_init\n/);
    expect(first.stdout).not.toContain('up to date');
    const again = run(['migrate'], { DATABASE_URL: dbPath });
    expect(again.stdout).toContain('is up to date: no migrations were pending');
  });

  it('score works on a fresh checkout: one JSON line in, one out', () => {
    const result = run(
      ['score'],
      {},
      '{"id":"1","source":"twitter","text":"Charged twice and nobody answers. Talking to my lawyer.","createdAt":"2026-01-01T00:00:00Z"}\n',
    );
    expect(result.status).toBe(0);
    const line = JSON.parse(result.stdout.trim()) as { id: string; priority: string };
    expect(line.id).toBe('1');
    expect(line.priority).toMatch(/^P[1-4]$/);
  });
});
