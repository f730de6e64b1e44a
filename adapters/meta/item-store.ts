import { createHash } from 'node:crypto';
import { readJson } from '../source-kit/cursor-json.js';
import type { CursorStore } from '../source-kit/types.js';

/** Marks a private reply whose answer never came (it may be in the customer's inbox). */
const UNCERTAIN = 'uncertain:';

/** What a reply needs to know about an item Klaxon ingested. */
export interface ItemRecord {
  /**
   * comment: on the brand's post; post: a visitor post on the Page; mention: an Instagram @mention in a comment; media_mention: in a
   * caption; message: a DM.
   */
  kind: 'comment' | 'post' | 'mention' | 'media_mention' | 'message';
  /** The Page (or Instagram account) it arrived for. */
  ownerId: string;
  /** The customer (a Page- or Instagram-scoped id). */
  authorId: string | null;
  /** When the customer wrote it (ISO). */
  createdAt: string;
  /** The conversation it belongs to (`post:<id>`, `dm:<id>`). */
  conversationId: string;
  /** For a mention: the media it is on (Instagram's mention reply needs it). */
  mediaId?: string;
}

/** The last message a customer sent in a direct conversation: the messaging window runs from it. */
export interface ConversationRecord {
  lastInboundAt: string;
  lastInboundMid: string;
}

const hash = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 40);

/**
 * The Meta sources' small durable records, beside their cursors (kv_state): items ingested (what
 * a reply needs), direct conversations (the window), private replies already sent (one per
 * comment), replies Klaxon made (so their webhook echo is not taken for the team answering outside
 * Klaxon), and display names already looked up (never read twice).
 */
export class ItemStore {
  readonly #c: CursorStore;

  constructor(cursors: CursorStore) {
    this.#c = cursors;
  }

  async item(id: string): Promise<ItemRecord | null> {
    return readJson<ItemRecord>(this.#c, `item:${id}`);
  }

  async rememberItem(id: string, record: ItemRecord): Promise<void> {
    await this.#c.set(`item:${id}`, JSON.stringify(record));
  }

  async conversation(id: string): Promise<ConversationRecord | null> {
    return readJson<ConversationRecord>(this.#c, `conv:${id}`);
  }

  /** Records a customer's direct message, unless a later one is already recorded (deliveries may arrive out of order). */
  async customerWrote(conversationId: string, mid: string, at: Date): Promise<void> {
    const known = await this.conversation(conversationId);
    if (known && new Date(known.lastInboundAt).getTime() >= at.getTime()) return;
    await this.#c.set(
      `conv:${conversationId}`,
      JSON.stringify({ lastInboundAt: at.toISOString(), lastInboundMid: mid } satisfies ConversationRecord),
    );
  }

  /** Whether the comment's one private reply went (`sent`), may have gone (`uncertain`: no answer came), or not (null). */
  async privateReplySent(itemId: string): Promise<'sent' | 'uncertain' | null> {
    const value = await this.#c.get(`private:${itemId}`);
    if (value === undefined) return null;
    return value.startsWith(UNCERTAIN) ? 'uncertain' : 'sent';
  }

  async markPrivateReply(itemId: string, at: Date, outcome: 'sent' | 'uncertain' = 'sent'): Promise<void> {
    await this.#c.set(`private:${itemId}`, `${outcome === 'uncertain' ? UNCERTAIN : ''}${at.toISOString()}`);
  }

  /** Remembers a reply Klaxon is about to send (where, what), so the echo Meta sends back is known as ours. */
  async markOwnReply(where: string, text: string, at: Date): Promise<void> {
    await this.#c.set(`own:${hash(`${where}\n${text.trim()}`)}`, at.toISOString());
  }

  async isOwnReply(where: string, text: string): Promise<boolean> {
    return (await this.#c.get(`own:${hash(`${where}\n${text.trim()}`)}`)) !== undefined;
  }

  async name(userId: string): Promise<string | null> {
    return (await this.#c.get(`name:${userId}`)) ?? null;
  }

  async rememberName(userId: string, name: string): Promise<void> {
    await this.#c.set(`name:${userId}`, name);
  }
}
