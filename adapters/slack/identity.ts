import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../src/log.js';
import type { TimerHandle, Timers } from '../../src/timers.js';

/** First retry after a second, doubling, at most every five minutes. */
const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 5 * 60_000;

/**
 * Who the bot is (`auth.test`): Bolt needs its user and bot ids to ignore the bot's own events.
 * A failed check at start (Slack down, a network blip, a token not yet valid) is retried with
 * exponential backoff on the injected timers until it succeeds, so the bot learns who it is as
 * soon as Slack answers — without a restart.
 */
export class BotIdentity {
  botId: string | undefined;
  botUserId: string | undefined;
  #attempt = 0;
  #timer: TimerHandle | null = null;
  #stopped = false;

  constructor(
    private readonly client: WebClient,
    private readonly timers: Timers,
    private readonly logger: Logger,
    private readonly random: () => number = Math.random,
  ) {}

  get known(): boolean {
    return this.botUserId !== undefined;
  }

  /** Asks once now; when that fails, keeps asking in the background until it works or `stop()`. */
  async start(): Promise<void> {
    this.#stopped = false;
    await this.#ask();
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer !== null) this.timers.clearTimeout(this.#timer);
    this.#timer = null;
  }

  async #ask(): Promise<void> {
    this.#timer = null;
    if (this.#stopped || this.known) return;
    this.#attempt += 1;
    try {
      // The token travels in the Authorization header only, never in a body.
      const auth = await this.client.auth.test();
      this.botUserId = auth.user_id;
      this.botId = auth.bot_id;
      this.logger.info('Slack connected', { team: auth.team, bot: auth.user, botUserId: auth.user_id, attempts: this.#attempt });
    } catch (error) {
      if (this.#stopped) return;
      const ceiling = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (this.#attempt - 1));
      const delayMs = Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
      const line =
        'Slack token check (auth.test) failed; retrying. Until it succeeds Klaxon does not know its own bot id (its own messages ' +
        'are still never taken for notes)';
      const fields = { err: error, attempt: this.#attempt, retryInMs: delayMs };
      if (this.#attempt === 1) this.logger.error(line, fields);
      else this.logger.warn(line, fields);
      this.#timer = this.timers.setTimeout(() => void this.#ask(), delayMs);
    }
  }
}
