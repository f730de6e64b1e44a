import type { Clock } from '../../src/clock.js';
import { KlaxonError } from '../../src/errors.js';
import type { Logger } from '../../src/log.js';
import type { BlueskyClients } from './client.js';
import { classifyBlueskyError, isBadTokenScope } from './errors.js';

export interface BrandIdentity {
  did: string;
  handle: string;
}

export const NO_DM_ACCESS =
  'The Bluesky app password has no access to direct messages ("Bad token scope"), so private replies cannot be sent. ' +
  'Create a new app password with "Allow access to your direct messages" ticked and set BLUESKY_APP_PASSWORD.';

/**
 * The brand's session: one login (createSession is limited to 30 an account every 5 minutes, so
 * it is never repeated without cause), refreshed by the library when the access token expires,
 * and renewed once when Bluesky stops accepting it. Knows whether the app password may use
 * direct messages, which only a call to the chat service can tell.
 */
export class BlueskySession {
  readonly #clients: BlueskyClients;
  readonly #identifier: string;
  readonly #password: string;
  readonly #logger: Logger;
  readonly #clock: Clock;
  #brand: BrandIdentity | null = null;
  #login: Promise<BrandIdentity> | null = null;
  /** Why the last login failed, in words for people (never the password). */
  lastLoginError: string | null = null;
  dmAccess: 'unknown' | 'yes' | 'no' = 'unknown';

  constructor(options: { clients: BlueskyClients; handle: string; appPassword: string; logger: Logger; clock: Clock }) {
    this.#clients = options.clients;
    this.#identifier = options.handle;
    this.#password = options.appPassword;
    this.#logger = options.logger;
    this.#clock = options.clock;
  }

  /** The brand's DID and handle once logged in, else null. */
  get brand(): BrandIdentity | null {
    return this.#brand;
  }

  /** Logs in when there is no session yet (one login at a time); resolves with the brand. */
  ensure(): Promise<BrandIdentity> {
    if (this.#brand && this.#clients.agent.hasSession) return Promise.resolve(this.#brand);
    this.#login ??= this.#doLogin().finally(() => {
      this.#login = null;
    });
    return this.#login;
  }

  /**
   * Runs a call with a session; when Bluesky no longer accepts the session (its refresh token
   * expired or was revoked), logs in again once and repeats the call. A refused call wrote
   * nothing, so repeating it is safe.
   */
  async run<T>(call: () => Promise<T>): Promise<T> {
    await this.ensure();
    try {
      return await call();
    } catch (error) {
      if (classifyBlueskyError(error, this.#clock).kind !== 'auth') throw error;
      this.#logger.warn('Bluesky no longer accepts the session; logging in again');
      this.#brand = null;
      await this.ensure();
      return call();
    }
  }

  /**
   * Asks the chat service for one conversation, the cheapest call that shows whether this app
   * password may use direct messages. Says so clearly at start when it may not.
   */
  async probeDirectMessages(): Promise<void> {
    try {
      await this.run(() => this.#clients.chat.chat.bsky.convo.listConvos({ limit: 1 }));
      this.dmAccess = 'yes';
    } catch (error) {
      if (isBadTokenScope(error)) {
        this.dmAccess = 'no';
        this.#logger.error(NO_DM_ACCESS);
        return;
      }
      this.#logger.warn('could not check whether the Bluesky app password may send direct messages; will try when one is sent', {
        detail: classifyBlueskyError(error, this.#clock),
      });
    }
  }

  async #doLogin(): Promise<BrandIdentity> {
    try {
      const res = await this.#clients.agent.login({ identifier: this.#identifier, password: this.#password });
      this.#brand = { did: res.data.did, handle: res.data.handle.toLowerCase() };
      this.lastLoginError = null;
      this.#logger.info('Bluesky session started', { handle: this.#brand.handle, did: this.#brand.did });
      return this.#brand;
    } catch (error) {
      const failure = classifyBlueskyError(error, this.#clock);
      if (failure.kind === 'auth' || failure.kind === 'refused') {
        this.lastLoginError =
          `Bluesky refused the login of @${this.#identifier} ` + `(${failure.detail}): check BLUESKY_HANDLE and BLUESKY_APP_PASSWORD`;
        throw new KlaxonError('not_configured', this.lastLoginError, { cause: error });
      }
      this.lastLoginError = `Bluesky login failed: ${'detail' in failure ? failure.detail : failure.kind}`;
      throw error;
    }
  }
}
