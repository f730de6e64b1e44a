import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LocalSlackApi } from '../../dev/sandbox/slack-api/server.js';
import { TEST_SECRETS } from '../helpers/config.js';
import { postIngest } from '../helpers/ingest.js';
import { buildEntry, startEntry, type Build } from './helpers/entry.js';
import { cardPostsByCase, cardsByCase, fleetMentions, fleetWorkspace, readStoredState, writeRoutedConfig } from './helpers/fleet.js';

const CHANNELS = 6;
const CASES = 12;

/** What a connection attempt ends in: the HTTP status, or the socket error's code. */
async function tryConnect(url: string): Promise<number | string> {
  try {
    return (await fetch(url)).status;
  } catch (error) {
    return String((error as { cause?: { code?: string } }).cause?.code ?? error);
  }
}

describe('graceful shutdown of the real server (SIGTERM)', () => {
  let build: Build;
  let dir: string;
  const slack = new LocalSlackApi(fleetWorkspace(CHANNELS));
  let api: Awaited<ReturnType<LocalSlackApi['listen']>>;

  beforeAll(async () => {
    build = buildEntry();
    dir = mkdtempSync(join(tmpdir(), 'klaxon-shutdown-'));
    api = await slack.listen();
  });
  afterAll(async () => {
    await api?.close();
    build?.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops taking connections, drains the queued cards, closes the database and exits 0', async () => {
    const dbPath = join(dir, 'klaxon.db');
    const env = {
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: dbPath,
      KLAXON_CONFIG: writeRoutedConfig(dir, CHANNELS),
      ...TEST_SECRETS,
      SLACK_API_URL: api.url,
      TRIAGE_CHANNEL: 'CTRIAGE',
    };
    // Slack applies every card at once but answers none until released: the worker is mid-send
    // when SIGTERM arrives, and more cards wait behind the per-channel pacing.
    slack.holdResponses('chat.postMessage', 'until-released');
    const server = await startEntry(build, env, dir);

    const ingest = await postIngest(server.url, { mentions: fleetMentions(CASES, CHANNELS, 'shut') }, TEST_SECRETS.INGEST_SECRET);
    expect(ingest).toEqual({ status: 202, json: { accepted: CASES, duplicates: 0 } });
    await vi.waitFor(() => expect(slack.heldResponses).toBe(CHANNELS), { timeout: 10_000 });

    server.child.kill('SIGTERM');
    await vi.waitFor(() => expect(server.output()).toContain('SIGTERM received'), { timeout: 5_000 });
    // Still draining (Slack holds every answer), yet the listening socket is already closed.
    expect(await tryConnect(`${server.url}/healthz`)).toBe('ECONNREFUSED');
    expect(server.child.exitCode).toBeNull();

    slack.holdResponses('chat.postMessage', null);
    slack.releaseResponses();
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('stopped cleanly');

    // Every queued card reached Slack exactly once before the process ended.
    const cards = cardsByCase(slack.workspace);
    expect(cards.size).toBe(CASES);
    expect([...cards.values()].every((n) => n === 1)).toBe(true);
    expect([...cardPostsByCase(slack.workspace).values()].every((n) => n === 1)).toBe(true);

    // Closed cleanly: the WAL was checkpointed into the main file and removed; what was sent is
    // recorded as sent, with its card ref, so a restart would not post it again.
    expect(existsSync(`${dbPath}-wal`)).toBe(false);
    const stored = readStoredState(dbPath);
    expect(stored.caseIds).toHaveLength(CASES);
    expect(stored.outboxByStatus).toEqual({ done: CASES });
    expect(stored.cardRefs.map((c) => c.caseId).sort((a, b) => a - b)).toEqual([...cards.keys()].sort((a, b) => a - b));
  });
});
