import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import type { Clock } from '../../../src/clock.js';
import type { Logger } from '../../../src/log.js';
import { backoffDelay, type TimerHandle, type Timers } from '../../source-kit/timers.js';
import type { CursorStore } from '../../source-kit/types.js';
import type { ParsedEmail } from '../parsed.js';
import type { Redact } from '../../source-kit/redact.js';
import type { ImapSettings } from '../settings.js';
import type { ThreadStore } from '../thread-store.js';
import { syncMailbox } from './sync.js';

export interface ImapListenerDeps {
  settings: ImapSettings;
  cursors: CursorStore;
  threads: ThreadStore;
  clock: Clock;
  logger: Logger;
  timers: Timers;
  random: () => number;
  redact: Redact;
  accept(parsed: ParsedEmail): Promise<void>;
  counted(op: string): void;
  onConnected(connected: boolean): void;
  batch: number;
  maxDownloadBytes: number;
  firstSyncHours: number;
  /** Extra ImapFlow options (tests: shorter timeouts). */
  clientOptions?: Partial<ImapFlowOptions>;
}

/** After repeated failures (a server down for hours, a wrong password) retries slow to this. */
const MAX_RETRY_MS = 15 * 60_000;
/** How long a shutdown waits for the server to acknowledge LOGOUT. */
const LOGOUT_WAIT_MS = 2_000;
/** Servers end an IDLE after ~30 minutes and NAT boxes forget quiet connections sooner (RFC 2177 §3). */
const IDLE_RESTART_MS = 5 * 60_000;

/**
 * Listens to one mailbox over IMAP IDLE: connect, catch up from the stored cursor, then wait
 * for the server's EXISTS and read what arrived. Every failure (connection, login, a sync that
 * could not store) is logged without secrets and retried with backoff on the injected timers;
 * start() never waits on the server.
 */
export class ImapListener {
  readonly #d: ImapListenerDeps;
  #client: ImapFlow | null = null;
  #timer: TimerHandle | null = null;
  #stopped = true;
  #failures = 0;
  #connecting: Promise<void> | null = null;
  #syncing: Promise<void> | null = null;
  #syncAgain = false;

  constructor(deps: ImapListenerDeps) {
    this.#d = deps;
  }

  get connected(): boolean {
    return this.#client?.usable ?? false;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#schedule(0);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer !== null) this.#d.timers.clearTimeout(this.#timer);
    this.#timer = null;
    const client = this.#client;
    this.#client = null;
    if (client) {
      // A pass in flight ends when its connection does; a quiet session says goodbye properly.
      if (this.#syncing || !client.usable) client.close();
      else {
        // A server that does not answer LOGOUT must not hold up the shutdown.
        const cut = setTimeout(() => client.close(), LOGOUT_WAIT_MS);
        cut.unref();
        await client.logout().catch(() => client.close());
        clearTimeout(cut);
      }
    }
    await Promise.allSettled([this.#connecting, this.#syncing]);
    this.#d.onConnected(false);
  }

  /** Resolves when no connection attempt or sync pass is in flight (tests). */
  async settled(): Promise<void> {
    while (this.#connecting || this.#syncing) await Promise.allSettled([this.#connecting, this.#syncing]);
  }

  #schedule(ms: number): void {
    if (this.#stopped || this.#timer !== null) return;
    this.#timer = this.#d.timers.setTimeout(() => {
      this.#timer = null;
      this.#connecting = this.#connect().finally(() => {
        this.#connecting = null;
      });
    }, ms);
  }

  #options(): ImapFlowOptions {
    const s = this.#d.settings;
    return {
      host: s.host,
      port: s.port,
      secure: s.secure,
      doSTARTTLS: s.requireStartTls,
      auth: { user: s.auth.user, pass: s.auth.pass },
      // imapflow's own log would carry server responses and protocol traffic: Klaxon logs what matters itself.
      logger: false,
      clientInfo: { name: 'Klaxon' },
      autoIdleDelay: 0,
      maxIdleTime: IDLE_RESTART_MS,
      connectionTimeout: 30_000,
      greetingTimeout: 15_000,
      ...this.#d.clientOptions,
    };
  }

  async #connect(): Promise<void> {
    if (this.#stopped) return;
    const { logger, settings } = this.#d;
    const client = new ImapFlow(this.#options());
    this.#client = client;
    let announcedClose = false;
    client.on('error', (error: unknown) =>
      logger.warn('IMAP connection error', { err: this.#d.redact(error instanceof Error ? error.message : String(error)) }),
    );
    client.on('exists', () => this.#requestSync(client));
    client.on('close', () => {
      if (announcedClose) return;
      announcedClose = true;
      this.#d.onConnected(false);
      if (this.#client !== client || this.#stopped) return;
      this.#client = null;
      logger.warn('IMAP connection closed; reconnecting', { host: settings.host });
      this.#retry(null);
    });
    let stage = 'connect';
    try {
      this.#d.counted('imap.connect');
      await client.connect();
      stage = 'open';
      await client.mailboxOpen(settings.mailbox);
    } catch (error) {
      if (stage === 'open') {
        const said = (error as { responseText?: string }).responseText ?? (error instanceof Error ? error.message : String(error));
        logger.error(`IMAP mailbox "${settings.mailbox}" cannot be opened: check the mailbox in IMAP_URL (the path after the host)`, {
          server: this.#d.redact(said),
        });
      }
      announcedClose = true;
      client.close();
      if (this.#client === client) this.#client = null;
      this.#d.onConnected(false);
      this.#retry(error, stage === 'open');
      return;
    }
    if (this.#stopped || this.#client !== client) {
      client.close();
      return;
    }
    this.#failures = 0;
    this.#d.onConnected(true);
    logger.info('IMAP connected; listening for new mail (IDLE)', {
      host: settings.host,
      mailbox: settings.mailbox,
      user: settings.auth.user,
    });
    this.#requestSync(client);
  }

  /** Schedules the next attempt; `misconfigured` failures (wrong mailbox) are already logged and wait longer. */
  #retry(error: unknown, misconfigured = false): void {
    if (this.#stopped) return;
    this.#failures += 1;
    const authFailed = Boolean(error && typeof error === 'object' && (error as { authenticationFailed?: boolean }).authenticationFailed);
    const waitMs = backoffDelay(
      this.#failures,
      { baseMs: authFailed || misconfigured ? 60_000 : 1_000, maxMs: MAX_RETRY_MS },
      this.#d.random,
    );
    const { logger, settings, redact } = this.#d;
    if (misconfigured) logger.info('IMAP: trying the mailbox again later', { waitMs });
    else if (authFailed)
      logger.error(`IMAP login refused for user ${settings.auth.user} at ${settings.host}: check the user and password in IMAP_URL`, {
        attempt: this.#failures,
        waitMs,
      });
    else if (error)
      logger.warn('IMAP connection failed; retrying', {
        host: settings.host,
        port: settings.port,
        err: redact(error instanceof Error ? error.message : String(error)),
        attempt: this.#failures,
        waitMs,
      });
    this.#schedule(error ? waitMs : Math.min(waitMs, 5_000));
  }

  /** One pass at a time; an EXISTS during a pass asks for one more. */
  #requestSync(client: ImapFlow): void {
    if (this.#stopped || this.#client !== client) return;
    if (this.#syncing) {
      this.#syncAgain = true;
      return;
    }
    this.#syncing = this.#syncLoop(client).finally(() => {
      this.#syncing = null;
    });
  }

  async #syncLoop(client: ImapFlow): Promise<void> {
    const { logger, settings } = this.#d;
    do {
      this.#syncAgain = false;
      const lock = await client.getMailboxLock(settings.mailbox).catch(() => null);
      if (!lock) return;
      try {
        const summary = await syncMailbox({ ...this.#d, client, mailbox: settings.mailbox, cursorKey: cursorKeyFor(settings) });
        if (summary.ingested > 0 || summary.skipped > 0) logger.info('IMAP mail read', { ...summary });
      } catch (error) {
        if (this.#stopped || this.#client !== client) return;
        logger.error('IMAP sync failed; reconnecting to try again', {
          err: this.#d.redact(error instanceof Error ? error.message : String(error)),
        });
        // A fresh session re-reads from the cursor, which only moved past what was stored.
        this.#client = null;
        client.close();
        this.#retry(error);
        return;
      } finally {
        lock.release();
      }
    } while (this.#syncAgain && !this.#stopped && this.#client === client);
  }
}

/** The cursor belongs to one account's mailbox on one server. */
export function cursorKeyFor(settings: Pick<ImapSettings, 'host' | 'auth' | 'mailbox'>): string {
  return `imap:${settings.auth.user.toLowerCase()}@${settings.host.toLowerCase()}/${settings.mailbox}`;
}
