import type { Clock } from '../../src/clock.js';
import { KlaxonError } from '../../src/errors.js';
import type { Logger } from '../../src/log.js';
import type { Metrics } from '../../src/telemetry.js';
import { call, type MastodonRest } from './client.js';
import { classifyMastodonError } from './errors.js';
import { DEFAULT_MAX_CHARACTERS, DEFAULT_URL_LENGTH, type InstanceLimits } from './length.js';

export interface BrandAccount {
  id: string;
  acct: string;
  username: string;
}

/**
 * Who the brand is on its instance (verify_credentials) and what the instance allows
 * (/api/v2/instance: the post length limit, how links count, where its streaming API lives).
 * Read once; a refused token is said plainly, without the token.
 */
export class MastodonIdentity {
  account: BrandAccount | null = null;
  limits: InstanceLimits = { maxCharacters: DEFAULT_MAX_CHARACTERS, urlLength: DEFAULT_URL_LENGTH };
  streamingUrl: string | null = null;
  lastError: string | null = null;
  readonly #rest: MastodonRest;
  readonly #url: string;
  readonly #metrics: Metrics;
  readonly #logger: Logger;
  readonly #clock: Clock;
  #loading: Promise<BrandAccount> | null = null;

  constructor(options: { rest: MastodonRest; url: string; metrics: Metrics; logger: Logger; clock: Clock }) {
    this.#rest = options.rest;
    this.#url = options.url;
    this.#metrics = options.metrics;
    this.#logger = options.logger;
    this.#clock = options.clock;
  }

  ensure(): Promise<BrandAccount> {
    if (this.account) return Promise.resolve(this.account);
    this.#loading ??= this.#load().finally(() => {
      this.#loading = null;
    });
    return this.#loading;
  }

  async #load(): Promise<BrandAccount> {
    // Only these three fields are read below.
    let me: { id: string; acct: string; username: string };
    try {
      me = await call(this.#metrics, 'verify_credentials', () => this.#rest.v1.accounts.verifyCredentials.$raw());
    } catch (error) {
      const failure = classifyMastodonError(error, this.#clock);
      if (failure.kind === 'auth' || failure.kind === 'refused') {
        this.lastError =
          `${this.#url} does not accept MASTODON_TOKEN (${failure.detail}): create an access token with the scopes read:accounts, ` +
          `read:notifications, read:statuses and write:statuses`;
        throw new KlaxonError('not_configured', this.lastError, { cause: error });
      }
      this.lastError = `Mastodon could not be reached: ${'detail' in failure ? failure.detail : failure.kind}`;
      throw error;
    }
    try {
      const instance = await call(this.#metrics, 'instance', () => this.#rest.v2.instance.fetch.$raw());
      const statuses = instance.configuration?.statuses;
      this.limits = {
        maxCharacters: statuses?.maxCharacters && statuses.maxCharacters > 0 ? statuses.maxCharacters : DEFAULT_MAX_CHARACTERS,
        urlLength:
          statuses?.charactersReservedPerUrl && statuses.charactersReservedPerUrl > 0
            ? statuses.charactersReservedPerUrl
            : DEFAULT_URL_LENGTH,
      };
      this.streamingUrl = instance.configuration?.urls?.streaming || null;
    } catch (error) {
      // Older instances have no v2: the defaults (500 characters, links 23) and the same host serve.
      this.#logger.warn('the Mastodon instance did not describe itself (/api/v2/instance); assuming 500 characters a post', {
        detail: classifyMastodonError(error, this.#clock),
      });
    }
    this.account = { id: me.id, acct: me.acct, username: me.username };
    this.lastError = null;
    this.#logger.info('Mastodon account verified', { acct: me.acct, maxCharacters: this.limits.maxCharacters });
    return this.account;
  }

  /** The streaming API's base (wss://…), from the instance or, failing that, its own address. */
  streamingBase(): string {
    return (this.streamingUrl ?? this.#url).replace(/^http/, 'ws').replace(/\/+$/, '');
  }
}
