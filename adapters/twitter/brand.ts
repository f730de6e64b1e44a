import type { Db } from '../../db/types.js';
import type { Clock } from '../../src/clock.js';
import { KlaxonError } from '../../src/errors.js';
import type { Logger } from '../../src/log.js';
import type { Metrics } from '../../src/telemetry.js';
import type { XClients } from './client.js';
import type { BrandAccount } from './map-tweet.js';
import { readState, stateKeys, writeState } from './state.js';

export type ResolvedBrand = BrandAccount & { id: string };

export interface BrandResolverDeps {
  clients: XClients;
  db: Db;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  /** `twitter.account` from the config file, without the @. */
  account: string | null;
}

/**
 * The brand account's user id: looked up once (by handle with the app token, or `users/me` with
 * the user context when no handle is configured) and kept in `kv_state`, so restarts cost no
 * lookup. A failed lookup is retried on the next call.
 */
export class BrandResolver {
  readonly #deps: BrandResolverDeps;
  #pending: Promise<ResolvedBrand> | null = null;

  constructor(deps: BrandResolverDeps) {
    this.#deps = deps;
  }

  /** What is known without asking X: the configured handle and a cached id. */
  known(): BrandAccount {
    const { db, account } = this.#deps;
    if (account) return { id: readState(db, stateKeys.userId(account)), handle: account };
    const me = readState(db, stateKeys.me);
    return me ? (JSON.parse(me) as ResolvedBrand) : { id: null, handle: null };
  }

  resolve(): Promise<ResolvedBrand> {
    this.#pending ??= this.#lookup().catch((error: unknown) => {
      this.#pending = null;
      throw error;
    });
    return this.#pending;
  }

  async #lookup(): Promise<ResolvedBrand> {
    const { clients, db, clock, metrics, logger, account } = this.#deps;
    const cached = this.known();
    if (cached.id) return { id: cached.id, handle: cached.handle };
    if (account) {
      metrics.sourceCalls.inc({ source: 'twitter', op: 'users_read' });
      const found = await clients.app.v2.userByUsername(account);
      if (!found.data)
        throw new KlaxonError('not_configured', `the X account @${account} (twitter.account in the config file) was not found`);
      writeState(db, stateKeys.userId(account), found.data.id, clock.now());
      logger.info('X brand account found', { handle: account, userId: found.data.id });
      return { id: found.data.id, handle: account };
    }
    if (clients.user) {
      metrics.sourceCalls.inc({ source: 'twitter', op: 'users_read' });
      const me = await clients.user.v2.me();
      const brand: ResolvedBrand = { id: me.data.id, handle: me.data.username };
      writeState(db, stateKeys.me, JSON.stringify(brand), clock.now());
      logger.info('X brand account is the user-context account', { handle: brand.handle, userId: brand.id });
      return brand;
    }
    throw new KlaxonError(
      'not_configured',
      'the brand X account is unknown: set twitter.account in the config file (or the TWITTER_APP_*/TWITTER_ACCESS_* user context)',
    );
  }
}
