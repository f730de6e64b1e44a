import type { Clock } from '../../src/clock.js';
import type { Logger } from '../../src/log.js';
import type { BlueskyClients } from './client.js';
import type { PostAuthor } from './map-post.js';
import type { BlueskySession } from './session.js';

/** app.bsky.actor.getProfiles takes at most 25 actors a call. */
const BATCH = 25;
const TTL_MS = 60 * 60_000;
const MAX_CACHED = 5000;

/**
 * Who wrote a post, with the numbers scoring needs (followers, verification): notifications and
 * Jetstream carry only the DID or a short profile. Looked up 25 at a time and kept for an hour,
 * so a thread or a storm costs one read, not one per post. A failed lookup leaves the counts out
 * — the mention still goes in, scored without its reach — rather than holding it back.
 */
export class ProfileCache {
  readonly #clients: BlueskyClients;
  readonly #session: BlueskySession;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #cache = new Map<string, { at: number; author: PostAuthor }>();

  constructor(options: { clients: BlueskyClients; session: BlueskySession; clock: Clock; logger: Logger }) {
    this.#clients = options.clients;
    this.#session = options.session;
    this.#clock = options.clock;
    this.#logger = options.logger;
  }

  /** Profiles for these DIDs (those Bluesky knows), by DID. */
  async lookup(dids: readonly string[]): Promise<Map<string, PostAuthor>> {
    const now = this.#clock.now().getTime();
    const out = new Map<string, PostAuthor>();
    const missing: string[] = [];
    for (const did of new Set(dids)) {
      const hit = this.#cache.get(did);
      if (hit && now - hit.at < TTL_MS) out.set(did, hit.author);
      else missing.push(did);
    }
    for (let i = 0; i < missing.length; i += BATCH) {
      const actors = missing.slice(i, i + BATCH);
      try {
        const res = await this.#session.run(() => this.#clients.agent.app.bsky.actor.getProfiles({ actors }));
        for (const p of res.data.profiles) {
          const author: PostAuthor = {
            did: p.did,
            handle: p.handle,
            displayName: p.displayName ?? null,
            followers: p.followersCount ?? null,
            verified: p.verification?.verifiedStatus === 'valid',
          };
          out.set(p.did, author);
          this.#remember(p.did, author, now);
        }
      } catch (error) {
        this.#logger.warn('Bluesky profiles could not be read; these mentions are scored without their reach', {
          count: actors.length,
          err: error,
        });
      }
    }
    return out;
  }

  #remember(did: string, author: PostAuthor, now: number): void {
    this.#cache.delete(did);
    this.#cache.set(did, { at: now, author });
    if (this.#cache.size > MAX_CACHED) this.#cache.delete(this.#cache.keys().next().value as string);
  }
}
