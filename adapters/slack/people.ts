import type { WebClient } from '@slack/web-api';
import type { Actor } from '../../src/cases/events.js';
import type { Clock } from '../../src/clock.js';
import type { Logger } from '../../src/log.js';
import { slackActor } from './ids.js';

/** A name found is kept an hour (people rarely rename); a failed lookup is retried after five minutes. */
const FOUND_MS = 60 * 60_000;
const FAILED_MS = 5 * 60_000;
/** Slash commands must be acknowledged within 3 s: a slow lookup gives way to the payload's username. */
const LOOKUP_TIMEOUT_MS = 1200;
const MAX_CACHED = 5000;

interface Entry {
  name: string | null;
  until: number;
}

interface UsersInfo {
  user?: { name?: string; real_name?: string; profile?: { real_name?: string; display_name?: string } };
}

/**
 * Who a Slack user is, by name. Interaction payloads carry only the user id and the legacy
 * username (`alex`), so cards, threads, notices and signatures would say "alex" or "UAGENTSAM";
 * `users.info` (scope `users:read`) gives the name people know ("Alex Rivera"). Names are cached,
 * and a lookup that fails or is slow falls back to the username, never to an id.
 */
export class SlackPeople {
  readonly #cache = new Map<string, Entry>();
  readonly #inFlight = new Map<string, Promise<string | null>>();
  readonly #channels = new Map<string, Entry>();

  constructor(
    private readonly client: WebClient,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** The person's full name (or display name), or null when Slack does not know them. */
  async name(userId: string): Promise<string | null> {
    const now = this.clock.now().getTime();
    const cached = this.#cache.get(userId);
    if (cached && cached.until > now) return cached.name;
    let pending = this.#inFlight.get(userId);
    if (!pending) {
      pending = this.#lookup(userId).finally(() => this.#inFlight.delete(userId));
      this.#inFlight.set(userId, pending);
    }
    return withTimeout(pending, LOOKUP_TIMEOUT_MS, cached?.name ?? null);
  }

  /** The actor for a verb, named as people know them; `username` is the payload's fallback. */
  async actor(userId: string, username?: string | null): Promise<Actor> {
    const name = await this.name(userId);
    return slackActor(userId, name ?? username ?? null);
  }

  /** A channel's name (`billing-team`), for hand-off lines; null when it cannot be read. */
  async channelName(channelId: string): Promise<string | null> {
    const now = this.clock.now().getTime();
    const cached = this.#channels.get(channelId);
    if (cached && cached.until > now) return cached.name;
    try {
      const res = await withTimeout(this.client.conversations.info({ channel: channelId }), LOOKUP_TIMEOUT_MS, null);
      const name = (res as { channel?: { name?: string } } | null)?.channel?.name ?? null;
      this.#remember(this.#channels, channelId, name, name ? FOUND_MS : FAILED_MS);
      return name;
    } catch (error) {
      this.logger.debug('conversations.info failed; the channel is named without it', { channel: channelId, err: error });
      this.#remember(this.#channels, channelId, null, FAILED_MS);
      return null;
    }
  }

  async #lookup(userId: string): Promise<string | null> {
    try {
      const res = (await this.client.users.info({ user: userId })) as UsersInfo;
      const u = res.user;
      const name = clean(u?.profile?.real_name) ?? clean(u?.real_name) ?? clean(u?.profile?.display_name) ?? clean(u?.name);
      this.#remember(this.#cache, userId, name, FOUND_MS);
      return name;
    } catch (error) {
      this.logger.debug('users.info failed; the person is named by their username', { user: userId, err: error });
      this.#remember(this.#cache, userId, this.#cache.get(userId)?.name ?? null, FAILED_MS);
      return null;
    }
  }

  #remember(map: Map<string, Entry>, key: string, name: string | null, forMs: number): void {
    if (map.size >= MAX_CACHED && !map.has(key)) map.delete(map.keys().next().value as string);
    map.set(key, { name, until: this.clock.now().getTime() + forMs });
  }
}

function clean(name: string | undefined): string | null {
  const trimmed = name?.trim();
  return trimmed ? trimmed : null;
}

function withTimeout<T, F>(promise: Promise<T>, ms: number, fallback: F): Promise<T | F> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(fallback), ms);
    timer.unref?.();
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      () => {
        clearTimeout(timer);
        resolve(fallback);
      },
    );
  });
}
