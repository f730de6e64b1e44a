import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

/** Starts the compiled CLI with plain node (vitest hides ESM import errors that node hits). */
function startEntry(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; logs: () => string }> {
  const child = spawn(process.execPath, ['dist/src/cli/main.js', 'start'], { cwd: root, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line within 15 s:\n${output}`)), 15_000);
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

describe('the real entry point under plain node', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'klaxon-smoke-'));
    const build = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts with nothing configured, says what is missing, serves /healthz and loopback ingest, stops on SIGTERM', async () => {
    const dbPath = join(dir, 'nested', 'klaxon.db');
    const { child, url, logs } = await startEntry({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: dbPath });
    try {
      expect(existsSync(dbPath)).toBe(true);
      expect(logs()).toContain('Slack is not configured: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET');
      expect(logs()).toContain('X/Twitter is not configured');
      expect(logs()).toContain('Permissions: everyone in the workspace may act on cases and read the queue');
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      const ingest = await fetch(`${url}/ingest`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: 'smoke-1', source: 'email', text: 'I want a refund, my card was charged twice', createdAt: new Date().toISOString(), private: true }),
      });
      expect(ingest.status).toBe(202);
      expect(await ingest.json()).toEqual({ accepted: 1, duplicates: 0 });
    } finally {
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
    expect(logs()).toContain('stopped cleanly');
  });

  it('refuses to start on a bad setting, one line per problem', () => {
    const run = spawnSync(process.execPath, ['dist/src/cli/main.js', 'start'], { cwd: root, env: { PATH: process.env.PATH ?? '', PORT: 'abc', TWITTER_MODE: 'x', DATABASE_URL: ':memory:' }, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^ {2}PORT must be a port number$/m);
    expect(run.stderr).toMatch(/^ {2}TWITTER_MODE must be "stream" or "poll"$/m);
  });
});
