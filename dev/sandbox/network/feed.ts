/**
 * The sandbox's stand-in for the social networks and inboxes: what customers wrote (as it was
 * sent to `/ingest`) and what Klaxon answered them (as its reply webhooks delivered it). The page
 * shows it as the "customer's view", so a reply can be seen arriving where the customer is.
 */
export interface FeedPost {
  id: string;
  kind: 'mention' | 'reply';
  source: string;
  /** Replies: in public, or privately (DM / email). Mentions: `private` marks DMs and email. */
  visibility: 'public' | 'private';
  author: { handle: string | null; name: string | null; followers: number | null; verified: boolean };
  text: string;
  at: string;
  /** The mention id this answers (replies, and follow-ups from the customer). */
  inReplyTo: string | null;
  /** For replies: the case they were sent from (K-12). */
  caseRef: string | null;
}

export class PublicFeed {
  readonly posts: FeedPost[] = [];
  readonly #seenKeys = new Map<string, string>();
  #counter = 0;

  constructor(private readonly onChange: () => void) {}

  addMention(m: Record<string, unknown>): void {
    // A mention sent again (a replay, a retry) is the same post, as /ingest counts it a duplicate.
    const source = String(m.source ?? 'web');
    if (this.posts.some((p) => p.id === String(m.id) && p.source === source)) return;
    const author = (m.author ?? {}) as { handle?: string; name?: string; followers?: number; verified?: boolean };
    this.posts.push({
      id: String(m.id),
      kind: m.direction === 'outbound' ? 'reply' : 'mention',
      source,
      visibility: m.private ? 'private' : 'public',
      author: {
        handle: author.handle ?? null,
        name: author.name ?? null,
        followers: author.followers ?? null,
        verified: author.verified === true,
      },
      text: String(m.text ?? ''),
      at: String(m.createdAt ?? new Date().toISOString()),
      inReplyTo: typeof m.inReplyTo === 'string' ? m.inReplyTo : null,
      caseRef: null,
    });
    this.onChange();
  }

  /**
   * A reply Klaxon delivered. The idempotency key makes a retried delivery land once, as a
   * well-behaved receiver must; the answer is the same post id either way.
   */
  addReply(
    reply: {
      source: string;
      mode: 'public' | 'private';
      text: string;
      inReplyTo: string | null;
      caseRef: string | null;
      idempotencyKey: string | null;
      brand: string;
    },
    at: Date,
  ): string {
    const known = reply.idempotencyKey ? this.#seenKeys.get(reply.idempotencyKey) : undefined;
    if (known) return known;
    this.#counter += 1;
    const id = `reply-${Date.now().toString(36)}-${this.#counter}`;
    if (reply.idempotencyKey) this.#seenKeys.set(reply.idempotencyKey, id);
    this.posts.push({
      id,
      kind: 'reply',
      source: reply.source,
      visibility: reply.mode,
      author: { handle: null, name: reply.brand, followers: null, verified: true },
      text: reply.text,
      at: at.toISOString(),
      inReplyTo: reply.inReplyTo,
      caseRef: reply.caseRef,
    });
    this.onChange();
    return id;
  }

  /** For the snapshot file: everything, as plain data. */
  restore(posts: FeedPost[]): void {
    this.posts.push(...posts);
  }
}
