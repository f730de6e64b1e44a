import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from '../../src/log.js';
import type { FeedPost, PublicFeed } from './network/feed.js';
import type { SlackWorkspace, StoredMessage } from './slack-api/store.js';

interface SnapshotFile {
  version: 1;
  messages: StoredMessage[];
  files: { id: string; filename: string; title: string; bytes: string | null }[];
  feed: FeedPost[];
}

/**
 * Keeps the sandbox's channels in a file beside the database. The cases live in the database and
 * outlast a restart; without this their cards would vanish while Klaxon still updates them
 * (and fails, since the messages are gone). Modals, ephemerals and open pages are not kept:
 * Slack does not keep them across a reconnect either.
 */
export class WorkspaceSnapshot {
  #timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly path: string,
    private readonly ws: SlackWorkspace,
    private readonly feed: PublicFeed,
    private readonly logger: Logger,
  ) {}

  /** Loads the file when there is one; a damaged file is set aside (logged), never fatal. */
  restore(): void {
    if (!existsSync(this.path)) return;
    try {
      const data = JSON.parse(readFileSync(this.path, 'utf8')) as SnapshotFile;
      if (data.version !== 1) return;
      this.ws.messages.push(...data.messages);
      let highest = 0;
      for (const f of data.files) {
        this.ws.files.set(f.id, {
          id: f.id,
          filename: f.filename,
          title: f.title,
          bytes: f.bytes === null ? null : Buffer.from(f.bytes, 'base64'),
          uploadUrl: '',
        });
        highest = Math.max(highest, Number(/\d+$/.exec(f.id)?.[0] ?? 0));
      }
      // Workspace ids come from one counter; move it past the restored files so no id repeats.
      for (let n = 0; n < highest; n = Number(this.ws.nextId('')));
      this.feed.restore(data.feed);
    } catch (error) {
      this.logger.warn('sandbox: the saved workspace could not be read; starting with empty channels', { path: this.path, err: error });
    }
  }

  /** Writes soon (changes come in bursts); the timer does not keep the process alive. */
  schedule(): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.flush();
    }, 500);
    this.#timer.unref();
  }

  flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const data: SnapshotFile = {
      version: 1,
      messages: this.ws.messages,
      files: [...this.ws.files.values()].map((f) => ({
        id: f.id,
        filename: f.filename,
        title: f.title,
        bytes: f.bytes ? f.bytes.toString('base64') : null,
      })),
      feed: this.feed.posts,
    };
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      const tmp = `${this.path}.tmp`;
      writeFileSync(tmp, JSON.stringify(data));
      renameSync(tmp, this.path); // never a half-written file
    } catch (error) {
      this.logger.warn('sandbox: could not save the workspace', { path: this.path, err: error });
    }
  }
}
