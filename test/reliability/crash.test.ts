import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LocalSlackApi } from '../../dev/sandbox/slack-api/server.js';
import { TEST_SECRETS } from '../helpers/config.js';
import { postIngest, type MentionFixture } from '../helpers/ingest.js';
import { buildEntry, startEntry, type Build, type RunningEntry } from './helpers/entry.js';
import { cardPostsByCase, cardsByCase, fleetMentions, fleetWorkspace, readStoredState, writeRoutedConfig } from './helpers/fleet.js';

const BATCH = 5;
const IN_FLIGHT = 4;

interface Outcome {
  /** Batches answered 202, with what the server said. */
  acked: Map<number, { accepted: number; duplicates: number }>;
  /** Requests that were in flight when the process died. */
  inFlightAtKill: number;
  /** Answers other than 202, and requests that got none (named for failure messages). */
  failures: string[];
}

/**
 * Streams the batches with a few requests in flight, like a busy webhook client, and calls
 * `kill` (once) as soon as a 202 arrives after `killAfter` acknowledged batches while `ready()`
 * holds. Requests that fail (the process is gone) are simply not acknowledged.
 */
async function stream(
  url: string,
  batches: MentionFixture[][],
  opts: { killAfter?: number; ready?: () => boolean; kill?: () => void } = {},
): Promise<Outcome> {
  const outcome: Outcome = { acked: new Map(), inFlightAtKill: 0, failures: [] };
  let next = 0;
  let inFlight = 0;
  let killed = false;
  const worker = async () => {
    while (!killed && next < batches.length) {
      const index = next++;
      // Do not outrun the scenario: the kill must find cards mid-send, so wait for them.
      if (opts.killAfter !== undefined && index >= opts.killAfter && opts.ready)
        await vi.waitFor(() => expect(opts.ready!()).toBe(true), { timeout: 10_000 });
      if (killed) return;
      inFlight += 1;
      try {
        const res = await postIngest(url, { mentions: batches[index] }, TEST_SECRETS.INGEST_SECRET);
        if (res.status === 202) outcome.acked.set(index, res.json);
        else outcome.failures.push(`batch ${index}: ${res.status} ${JSON.stringify(res.json)}`);
        if (!killed && opts.kill && outcome.acked.size >= (opts.killAfter ?? 0) && (opts.ready?.() ?? true)) {
          killed = true;
          outcome.inFlightAtKill = inFlight - 1;
          opts.kill();
        }
      } catch (error) {
        // Connection refused or reset: the server died with this request unanswered.
        outcome.failures.push(`batch ${index}: ${String((error as { cause?: unknown }).cause ?? error)}`);
      } finally {
        inFlight -= 1;
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return outcome;
}

describe('crash safety: SIGKILL mid-stream, restart, nothing lost, nothing doubled', () => {
  let build: Build;
  const dirs: string[] = [];
  const apis: { close(): Promise<void> }[] = [];
  const running = new Set<RunningEntry>();

  beforeAll(() => {
    build = buildEntry();
  });
  afterAll(async () => {
    for (const r of running) r.child.kill('SIGKILL');
    await Promise.all(apis.map((a) => a.close()));
    build?.remove();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  /**
   * Starts the compiled server on a fresh file database, streams `total` signed mentions, SIGKILLs
   * it while cards are posted in Slack but not yet answered, restarts it on the same file
   * (`beforeRestart` may break Slack first), re-sends every batch that got no 202, waits for
   * every case's card, stops it cleanly and checks the database and the fake Slack.
   */
  async function crashAndRestart(opts: {
    total: number;
    channels: number;
    killAfter: number;
    beforeRestart?: (slack: LocalSlackApi) => void;
  }) {
    const dir = mkdtempSync(join(tmpdir(), 'klaxon-crash-'));
    dirs.push(dir);
    const slack = new LocalSlackApi(fleetWorkspace(opts.channels));
    const api = await slack.listen();
    apis.push(api);
    const dbPath = join(dir, 'klaxon.db');
    const env = {
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: dbPath,
      KLAXON_CONFIG: writeRoutedConfig(dir, opts.channels),
      ...TEST_SECRETS,
      SLACK_API_URL: api.url,
      TRIAGE_CHANNEL: 'CTRIAGE',
    };
    const mentions = fleetMentions(opts.total, opts.channels, 'crash');
    const batches = Array.from({ length: opts.total / BATCH }, (_, i) => mentions.slice(i * BATCH, (i + 1) * BATCH));

    // Slack applies each card at once but answers slowly: the kill lands while cards are posted
    // and not yet recorded (the window the worker's start-up recovery exists for).
    slack.holdResponses('chat.postMessage', 2_000);
    const first = await startEntry(build, env, dir);
    running.add(first);
    let heldAtKill = 0;
    const phase1 = await stream(first.url, batches, {
      killAfter: opts.killAfter,
      ready: () => slack.heldResponses > 0,
      kill: () => {
        heldAtKill = slack.heldResponses;
        first.child.kill('SIGKILL');
      },
    });
    expect(await first.exited, first.output().slice(-2000)).toBe('SIGKILL');
    running.delete(first);
    expect(heldAtKill).toBeGreaterThan(0);
    const postedBeforeKill = cardPostsByCase(slack.workspace).size;

    // Restart on the same file; the client retries everything it never got a 202 for.
    slack.holdResponses('chat.postMessage', null);
    opts.beforeRestart?.(slack);
    const historyBefore = slack.workspace.callsTo('conversations.history').length;
    const second = await startEntry(build, env, dir);
    running.add(second);
    const retry = batches.filter((_, i) => !phase1.acked.has(i));
    const phase2 = await stream(second.url, retry);
    expect(phase2.acked.size, phase2.failures.join('\n')).toBe(retry.length);

    // Every mention accounted for exactly once across both lives: accepted in an answered
    // request, or stored by the dead process without an answer and so a duplicate on the retry.
    for (const r of phase1.acked.values()) expect(r).toEqual({ accepted: BATCH, duplicates: 0 });
    for (const r of phase2.acked.values()) expect(r.accepted + r.duplicates).toBe(BATCH);
    const accepted = [...phase1.acked.values(), ...phase2.acked.values()].reduce((n, r) => n + r.accepted, 0);
    const duplicates = [...phase2.acked.values()].reduce((n, r) => n + r.duplicates, 0);
    expect(accepted + duplicates).toBe(opts.total);

    // Done when every case in the database has its card in Slack and no card post is left.
    await vi.waitFor(
      () => {
        const now = readStoredState(dbPath);
        expect(now.outboxByStatus).toEqual({ done: now.caseIds.length });
        expect(cardsByCase(slack.workspace).size).toBe(now.caseIds.length);
      },
      { timeout: 30_000, interval: 250 },
    );
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    running.delete(second);

    const stored = readStoredState(dbPath);
    expect(stored.mentionRows.size).toBe(opts.total);
    for (const m of mentions) expect(stored.mentionRows.get(`${m.source}:${m.id}`), `${m.source}:${m.id}`).toBe(1);
    expect(stored.caseIds.length).toBeGreaterThan(0);
    expect(stored.outboxByStatus).toEqual({ done: stored.caseIds.length });

    const cards = cardsByCase(slack.workspace);
    const doubled = [...cardPostsByCase(slack.workspace)].filter(([, n]) => n > 1).map(([id]) => id);
    expect(doubled, 'cases whose card was posted more than once').toEqual([]);
    expect([...cards.values()].every((n) => n === 1)).toBe(true);
    const byId = (a: number, b: number) => a - b;
    expect([...cards.keys()].sort(byId)).toEqual([...stored.caseIds].sort(byId));
    expect(stored.cardRefs.map((c) => c.caseId).sort(byId)).toEqual([...stored.caseIds].sort(byId));
    // The scenario really crossed the crash: some cards were out before it, some after.
    expect(postedBeforeKill).toBeGreaterThan(0);
    expect(postedBeforeKill).toBeLessThan(stored.caseIds.length);
    expect(phase1.acked.size).toBeLessThan(batches.length);
    console.info(
      `crash: ${phase1.acked.size}/${batches.length} batches acked before SIGKILL, ${phase1.inFlightAtKill} requests in flight, ` +
        `${heldAtKill} cards posted but unanswered, ${postedBeforeKill} cards out before the kill, ` +
        `${duplicates} mentions stored but unanswered (came back as duplicates), ${stored.caseIds.length} cases`,
    );
    return { slack, historyBefore };
  }

  it('every 202 is stored exactly once and every case gets exactly one card', { timeout: 60_000 }, async () => {
    // 60 channels of 5 cards: Slack's pacing (about one card per second per channel) stays short.
    const { slack, historyBefore } = await crashAndRestart({ total: 300, channels: 60, killAfter: 20 });
    // Start-up recovery looked for the cards the dead process had posted but not recorded.
    expect(slack.workspace.callsTo('conversations.history').length).toBeGreaterThan(historyBefore);
  });

  it('no card is posted twice when Slack cannot be searched at restart', { timeout: 60_000 }, async () => {
    await crashAndRestart({
      total: 60,
      channels: 20,
      killAfter: 4,
      // Every start-up lookup fails (Slack hiccups): the worker must not take that as "not posted".
      beforeRestart: (slack) => slack.failNext('conversations.history', ...Array.from({ length: 20 }, () => ({ status: 503 }))),
    });
  });
});
