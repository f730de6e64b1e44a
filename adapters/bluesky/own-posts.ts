import type { CursorStore } from '../source-kit/types.js';

/** Posts kept track of for reach (Jetstream sees every like; only these matter). */
const MAX_TRACKED = 1000;

/**
 * What Klaxon remembers of its own Bluesky posts: each reply it posted and the customer post it
 * answers (durably, in the cursor store), so that a like or repost of the brand's reply adds
 * reach to that customer's case, and so that Klaxon's own reply, seen again on Jetstream, is
 * never taken for an answer made outside Klaxon. Jetstream also needs the recent posts that
 * have cases, to pick their likes out of the whole network's.
 */
export class OwnPosts {
  readonly #cursors: CursorStore;
  readonly #answers = new Map<string, string>();
  #tracked: string[] = [];
  #trackedSet = new Set<string>();
  #loaded = false;

  constructor(cursors: CursorStore) {
    this.#cursors = cursors;
  }

  async load(): Promise<void> {
    if (this.#loaded) return;
    this.#loaded = true;
    try {
      const list = JSON.parse((await this.#cursors.get('tracked')) ?? '[]') as unknown;
      if (Array.isArray(list)) this.#tracked = list.filter((u): u is string => typeof u === 'string').slice(-MAX_TRACKED);
    } catch {
      this.#tracked = [];
    }
    this.#trackedSet = new Set(this.#tracked);
  }

  /** Records a reply Klaxon posted (`uri`) to the customer's post `answers`. */
  async rememberReply(uri: string, answers: string): Promise<void> {
    this.#answers.set(uri, answers);
    await this.#cursors.set(`sent:${uri}`, answers);
    await this.track([uri]);
  }

  /** The customer post a reply of Klaxon's answers, or undefined when `uri` is not Klaxon's reply. */
  async answeredBy(uri: string): Promise<string | undefined> {
    const known = this.#answers.get(uri);
    if (known) return known;
    const stored = await this.#cursors.get(`sent:${uri}`);
    if (stored) this.#answers.set(uri, stored);
    return stored;
  }

  isTracked(uri: string): boolean {
    return this.#trackedSet.has(uri);
  }

  /** Adds posts whose likes and reposts count (newest kept when the list is full). */
  async track(uris: readonly string[]): Promise<void> {
    const fresh = uris.filter((u) => !this.#trackedSet.has(u));
    if (fresh.length === 0) return;
    this.#tracked.push(...fresh);
    if (this.#tracked.length > MAX_TRACKED) this.#tracked = this.#tracked.slice(-MAX_TRACKED);
    this.#trackedSet = new Set(this.#tracked);
    await this.#cursors.set('tracked', JSON.stringify(this.#tracked));
  }
}
