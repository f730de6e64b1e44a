import type { XPost } from './map-tweet.js';

/**
 * Replies Klaxon is posting right now, by the id of the post they answer. X may show the new
 * reply on the stream (or a poll) before its own answer to the POST arrives; such a post waits
 * until the send has settled, by when Klaxon has stored it — so it is read as a duplicate, not
 * as a reply made outside Klaxon.
 */
export class InFlightReplies {
  readonly #byParent = new Map<string, Set<Promise<unknown>>>();

  /** Runs `send` as a reply to `inReplyTo`, registered until it settles. */
  async track<T>(inReplyTo: string, send: () => Promise<T>): Promise<T> {
    const promise = send();
    const set = this.#byParent.get(inReplyTo) ?? new Set();
    set.add(promise);
    this.#byParent.set(inReplyTo, set);
    try {
      return await promise;
    } finally {
      set.delete(promise);
      if (set.size === 0) this.#byParent.delete(inReplyTo);
    }
  }

  /** Resolves once no reply to any of these posts' parents is in flight. */
  async settled(posts: readonly XPost[]): Promise<void> {
    const waiting = posts.flatMap((p) =>
      p.mention.direction === 'outbound' && p.mention.inReplyTo ? [...(this.#byParent.get(p.mention.inReplyTo) ?? [])] : [],
    );
    if (waiting.length > 0) await Promise.allSettled(waiting);
  }
}
