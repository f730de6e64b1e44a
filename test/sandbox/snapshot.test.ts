import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PublicFeed } from '../../dev/sandbox/network/feed.js';
import { SlackWorkspace } from '../../dev/sandbox/slack-api/store.js';
import { WorkspaceSnapshot } from '../../dev/sandbox/snapshot.js';
import { createLogger } from '../../src/log.js';

describe('the sandbox keeps its channels beside the database across restarts', () => {
  let dir: string;
  const logger = createLogger({ level: 'silent' });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'klaxon-sandbox-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('restores messages, files and the customer feed, and never reuses a file id', () => {
    const path = join(dir, 'nested', 'klaxon.db.sandbox.json');
    const before = new SlackWorkspace();
    const feed = new PublicFeed(() => undefined);
    before.nextId('F');
    before.nextId('F');
    const fileId = before.nextId('F');
    before.files.set(fileId, { id: fileId, filename: 'chart.png', title: 'Chart', bytes: Buffer.from([1, 2, 3]), uploadUrl: 'x' });
    before.messages.push({
      channel: 'CSBTRIAGE',
      ts: '1800000000.000001',
      user: 'UKLAXONBOT',
      text: 'card',
      blocks: [{ type: 'divider' }],
      threadTs: null,
      metadata: { event_type: 'klaxon_case', event_payload: { case_id: 1 } },
      edited: 2,
      files: [],
    });
    feed.addMention({ id: 'm1', source: 'twitter', text: 'hello', createdAt: '2026-11-23T10:00:00Z', author: { handle: 'jane' } });
    new WorkspaceSnapshot(path, before, feed, logger).flush();
    expect(existsSync(path)).toBe(true);

    const after = new SlackWorkspace();
    const feedAfter = new PublicFeed(() => undefined);
    new WorkspaceSnapshot(path, after, feedAfter, logger).restore();
    expect(after.messages).toEqual(before.messages);
    expect(after.files.get(fileId)?.bytes).toEqual(Buffer.from([1, 2, 3]));
    expect(feedAfter.posts).toEqual(feed.posts);
    expect(Number(after.nextId(''))).toBeGreaterThan(Number(fileId.slice(1)));
  });

  it('a damaged file is set aside: the sandbox starts empty instead of failing', () => {
    const path = join(dir, 'broken.json');
    writeFileSync(path, '{not json');
    const ws = new SlackWorkspace();
    new WorkspaceSnapshot(path, ws, new PublicFeed(() => undefined), logger).restore();
    expect(ws.messages).toEqual([]);
  });
});
