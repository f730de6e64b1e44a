import type { ImapFlowOptions } from 'imapflow';
import { KlaxonError } from '../../src/errors.js';
import type { ReplyInput } from '../../src/ports.js';
import { RepeatingTask } from '../source-kit/repeating-task.js';
import { systemTimers } from '../source-kit/timers.js';
import type { SinkSource, SourceCapabilities, SourceDeps, SourceSink } from '../source-kit/types.js';
import { ImapListener } from './imap/listener.js';
import { createInboundRoute } from './inbound/route.js';
import { NO_REPLY_PREFIX, toMention } from './mention.js';
import { emailMetrics } from './metrics.js';
import type { ParsedEmail } from './parsed.js';
import { makeRedactor } from '../source-kit/redact.js';
import { requireStored } from '../source-kit/stored.js';
import type { EmailSettings } from './settings.js';
import { SmtpSender } from './smtp/sender.js';
import { ThreadStore } from './thread-store.js';

export { emailSettings, type EmailSettings } from './settings.js';

export interface EmailAdapterDeps extends SourceDeps<EmailSettings> {
  /** Extra ImapFlow options (tests: timeouts). */
  imapClientOptions?: Partial<ImapFlowOptions>;
  /** Extra nodemailer transport options (tests: timeouts). */
  smtpTransportOptions?: Record<string, unknown>;
}

export interface EmailAdapter extends SinkSource {
  /** The IMAP listener, when IMAP_URL is set (tests wait on it). */
  readonly imap: ImapListener | null;
}

/**
 * How long a message's thread record is kept after it was written: far longer than a customer
 * takes to answer a thread that is still open (and an older answer still joins by its References).
 */
export const KEEP_THREAD_RECORDS_MS = 180 * 24 * 3_600_000;
const PRUNE_EVERY_MS = 6 * 3_600_000;

const PRIVATE_ONLY = 'E-mail is private: there is no public reply. Klaxon answers by private e-mail (Reply or Move to DM sends one).';
type Outcome = 'accepted' | 'duplicate' | 'invalid';

/**
 * E-mail as a source: IMAP (imapflow, IDLE) and/or a provider's inbound webhook (Postmark,
 * SendGrid) bring mail in; SMTP (nodemailer) sends the agents' replies in the customer's thread.
 * Every mention is private, every reply is a private e-mail.
 */
export function createEmailAdapter(deps: EmailAdapterDeps): EmailAdapter {
  const { settings, clock, logger, metrics, cursors } = deps;
  const redact = makeRedactor(settings.secrets);
  const stats = emailMetrics(metrics);
  const threads = new ThreadStore(cursors);
  let sink: SourceSink | null = null;
  const pruning = new RepeatingTask({
    timers: deps.timers ?? systemTimers,
    run: async () => {
      const forgotten = await threads.prune(new Date(clock.now().getTime() - KEEP_THREAD_RECORDS_MS));
      if (forgotten > 0) logger.info('e-mail thread records older than 180 days forgotten', { forgotten });
      return PRUNE_EVERY_MS;
    },
    onError: (error) => {
      const err = redact(error instanceof Error ? error.message : String(error));
      logger.warn('e-mail thread records could not be pruned; trying again later', { err });
      return PRUNE_EVERY_MS;
    },
  });

  async function accept(parsed: ParsedEmail, via: 'imap' | 'postmark' | 'sendgrid'): Promise<Outcome> {
    if (!sink) throw new Error('the e-mail source is not started');
    const root = await threads.rootOf(parsed);
    const built = toMention(parsed, { conversationId: root, brandAddress: settings.from?.address ?? null });
    if (!built.ok) {
      // Not a word of the message in the log: only where it came from and what was wrong.
      logger.error('an e-mail cannot be stored as a mention', { via, messageId: parsed.messageId, reason: built.reason });
      stats.messages.inc({ via, outcome: 'invalid' });
      return 'invalid';
    }
    const result = await sink.ingest([built.mention]);
    // Not stored: not remembered either, and the IMAP cursor (or the provider's retry) brings it again.
    requireStored({ metrics, source: 'email' }, result, 1);
    await threads.remember(parsed, root);
    const outcome: Outcome = result.duplicates > 0 ? 'duplicate' : 'accepted';
    stats.messages.inc({ via, outcome });
    if (outcome === 'duplicate') metrics.duplicates.inc({ source: 'email' });
    else metrics.ingested.inc({ source: 'email', direction: built.mention.direction });
    return outcome;
  }

  const imap = settings.imap
    ? new ImapListener({
        settings: settings.imap,
        cursors,
        threads,
        clock,
        logger,
        timers: deps.timers ?? systemTimers,
        random: deps.random ?? Math.random,
        redact,
        accept: async (parsed) => {
          await accept(parsed, 'imap');
        },
        counted: stats.call,
        onConnected: (up) => stats.imapConnected.set(up ? 1 : 0),
        batch: settings.fetchBatch,
        maxDownloadBytes: settings.maxDownloadBytes,
        firstSyncHours: settings.firstSyncHours,
        clientOptions: deps.imapClientOptions,
      })
    : null;
  const smtp =
    settings.smtp && settings.from
      ? new SmtpSender({
          server: settings.smtp,
          from: settings.from,
          threads,
          clock,
          redact,
          counted: stats.call,
          transportOptions: deps.smtpTransportOptions,
        })
      : null;
  const routes = settings.inboundSecret
    ? [
        createInboundRoute({
          secret: settings.inboundSecret,
          clock,
          logger,
          ready: () => sink !== null,
          accept: (parsed, via) => accept(parsed, via),
          rejected: (reason) => stats.inboundRejected.inc({ reason }),
        }),
      ]
    : [];

  const repliesOff = smtp ? null : 'Replies by e-mail are off: set SMTP_URL and EMAIL_FROM so Klaxon can send them.';

  return {
    source: 'email',
    routes,
    imap,
    capabilities(item): SourceCapabilities {
      const firstLine = item.text.split('\n', 1)[0] ?? '';
      const automatic = firstLine.startsWith(NO_REPLY_PREFIX) ? `Replies are off: ${firstLine.slice(NO_REPLY_PREFIX.length)}` : null;
      const why = automatic ?? repliesOff;
      return {
        publicReply: { possible: false, why: 'e-mail is private: every reply is sent as a private e-mail' },
        privateReply: why ? { possible: false, why } : { possible: true },
      };
    },
    validate(_text, mode) {
      if (mode === 'public') return PRIVATE_ONLY;
      return repliesOff;
    },
    async replyPublic(): Promise<never> {
      throw new KlaxonError('invalid_input', PRIVATE_ONLY);
    },
    async sendPrivate(input: ReplyInput) {
      if (!smtp) throw new KlaxonError('not_configured', repliesOff ?? 'Replies by e-mail are off.');
      return smtp.send(input);
    },
    async start(s) {
      if (sink) return;
      sink = s;
      const listening = [
        imap ? `IMAP ${settings.imap?.host}/${settings.imap?.mailbox}` : null,
        routes.length > 0 ? 'POST /ingest/email' : null,
      ].filter(Boolean);
      logger.info('e-mail listening', {
        via: listening,
        replies: smtp ? `SMTP ${settings.smtp?.host} as ${settings.from?.address}` : 'off',
      });
      if (repliesOff) logger.warn(repliesOff);
      imap?.start();
      pruning.start(0);
    },
    async stop() {
      await pruning.stop();
      await imap?.stop();
      sink = null;
      smtp?.close();
    },
  };
}
