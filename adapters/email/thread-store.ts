import type { CursorStore } from '../source-kit/types.js';
import { trimReferences } from './message-id.js';
import type { ParsedEmail } from './parsed.js';

/**
 * What a reply needs to know about a message, kept beside the cursors: the thread it belongs to,
 * its subject and References (for the reply's threading headers), where to answer, and whether
 * answering is allowed. Our own replies are remembered too, so a customer's answer to one of them
 * finds its thread even when their client drops the older References.
 *
 * A message is remembered only after it was ingested: "known" means "ingested", which is what
 * the IMAP re-sync relies on to skip what it has already read.
 */
export interface StoredMessage {
  /** The id of the thread's first message: the case's conversation. */
  root: string;
  subject: string | null;
  references: string[];
  /** Where a reply goes (Reply-To, else From); null for our own replies. */
  replyTo: string | null;
  /** Why a reply is refused (automatic reply, bounce, list), or null. */
  noReply: string | null;
  /** True for a reply Klaxon sent. */
  sent?: boolean;
}

const msgKey = (id: string) => `msg:${id}`;
const threadKey = (root: string) => `thread:${root}`;

/** Records forgotten per database write when pruning (short writes, repeated). */
const PRUNE_BATCH = 500;

export class ThreadStore {
  readonly #cursors: CursorStore;

  constructor(cursors: CursorStore) {
    this.#cursors = cursors;
  }

  async get(id: string): Promise<StoredMessage | null> {
    const raw = await this.#cursors.get(msgKey(id));
    if (!raw) return null;
    try {
      return JSON.parse(raw) as StoredMessage;
    } catch {
      return null;
    }
  }

  async known(id: string): Promise<boolean> {
    return (await this.#cursors.get(msgKey(id))) !== undefined;
  }

  /**
   * The thread a message belongs to: the root of the nearest message we know among its parents
   * (newest first), else the oldest id it references, else itself.
   */
  async rootOf(parsed: Pick<ParsedEmail, 'messageId' | 'inReplyTo' | 'references'>): Promise<string> {
    const parents = [...parsed.inReplyTo, ...[...parsed.references].reverse()].filter((id) => id !== parsed.messageId);
    for (const id of parents) {
      const known = await this.get(id);
      if (known) return known.root;
    }
    return parsed.references.find((id) => id !== parsed.messageId) ?? parents[0] ?? parsed.messageId;
  }

  /** Remembers an ingested message (and, for a person's message, makes it the one replies answer). */
  async remember(parsed: ParsedEmail, root: string): Promise<void> {
    const references = trimReferences([...parsed.references, ...parsed.inReplyTo.filter((id) => !parsed.references.includes(id))]);
    const stored: StoredMessage = { root, subject: parsed.subject, references, replyTo: parsed.replyTo, noReply: parsed.noReply };
    await this.#cursors.set(msgKey(parsed.messageId), JSON.stringify(stored));
    if (!parsed.noReply && parsed.replyTo) await this.#cursors.set(threadKey(root), parsed.messageId);
  }

  /** Remembers a reply Klaxon sent, so answers to it join the thread. */
  async rememberSent(messageId: string, root: string, subject: string, references: string[]): Promise<void> {
    await this.#cursors.set(
      msgKey(messageId),
      JSON.stringify({ root, subject, references, replyTo: null, noReply: null, sent: true } satisfies StoredMessage),
    );
  }

  /**
   * Forgets messages and threads last written before `before` (every received message and every
   * reply Klaxon sent is one record, so without this they only grow). What an old record did is
   * done by other means once it is gone: a late answer still finds its thread through its
   * References (whose first id is the thread's root) and joins the open case by conversation; the
   * core still refuses it twice by its Message-ID; a reply to it goes to its From. Returns how many.
   */
  async prune(before: Date): Promise<number> {
    let total = 0;
    for (const prefix of ['msg:', 'thread:']) {
      for (;;) {
        const gone = await this.#cursors.prune(prefix, before, PRUNE_BATCH);
        total += gone;
        if (gone < PRUNE_BATCH) break;
      }
    }
    return total;
  }

  /** The thread's latest message from a person (what a reply answers when the newest one is automatic). */
  async lastHuman(root: string): Promise<string | null> {
    return (await this.#cursors.get(threadKey(root))) ?? null;
  }
}
