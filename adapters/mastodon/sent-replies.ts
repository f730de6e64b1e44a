import type { CursorStore } from '../source-kit/types.js';

export interface SentReply {
  /** The customer's status the reply answers. */
  answers: string;
  /** The conversation (case thread) that status belongs to. */
  conversation: string | null;
}

/**
 * The replies Klaxon posted, kept in the cursor store: a customer answering one joins the case
 * of the status it answered (Mastodon has no thread id), and a boost or favourite of one adds
 * reach to that case.
 */
export class SentReplies {
  readonly #cursors: CursorStore;
  readonly #cache = new Map<string, SentReply | null>();

  constructor(cursors: CursorStore) {
    this.#cursors = cursors;
  }

  async remember(statusId: string, reply: SentReply): Promise<void> {
    this.#cache.set(statusId, reply);
    await this.#cursors.set(`sent:${statusId}`, JSON.stringify(reply));
  }

  async get(statusId: string | null | undefined): Promise<SentReply | null> {
    if (!statusId) return null;
    if (this.#cache.has(statusId)) return this.#cache.get(statusId) ?? null;
    let found: SentReply | null = null;
    try {
      const raw = await this.#cursors.get(`sent:${statusId}`);
      const value = raw ? (JSON.parse(raw) as Partial<SentReply>) : null;
      if (value && typeof value.answers === 'string')
        found = { answers: value.answers, conversation: typeof value.conversation === 'string' ? value.conversation : null };
    } catch {
      found = null;
    }
    if (this.#cache.size > 2000) this.#cache.clear();
    this.#cache.set(statusId, found);
    return found;
  }
}
