import { Readable } from 'node:stream';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { Clock } from '../../../src/clock.js';
import { KlaxonError } from '../../../src/errors.js';
import type { DeliveryResult, ReplyInput } from '../../../src/ports.js';
import { replyMessageId, trimReferences } from '../message-id.js';
import type { Redact } from '../../source-kit/redact.js';
import type { MailServer } from '../settings.js';
import type { StoredMessage, ThreadStore } from '../thread-store.js';
import { classifySmtpError } from './errors.js';

export interface SmtpSenderDeps {
  server: MailServer;
  from: { address: string; name: string | null };
  threads: ThreadStore;
  clock: Clock;
  redact: Redact;
  counted(op: string): void;
  /** Extra nodemailer transport options (tests: shorter timeouts). */
  transportOptions?: Record<string, unknown>;
}

const ADDRESS = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+$/;
/** Reply prefixes mail clients write, in several languages: "Re:", "RE[2]:", "AW:", "SV:", "Antw:", "R:". */
const REPLY_PREFIX = /^\s*((re|aw|sv|vs|antw|antwort|rif|r|odp|ynt|atb|vá|res)\s*(\[\d+\]|\(\d+\))?\s*[:：]\s*)+/iu;

/** "Re: " once, before the thread's subject without its own reply prefixes. */
export function replySubject(subject: string | null): string {
  const clean = (subject ?? '')
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const base = clean.replace(REPLY_PREFIX, '').trim();
  return `Re: ${base || 'your e-mail'}`.slice(0, 400);
}

interface Target {
  messageId: string;
  stored: StoredMessage | null;
}

/**
 * Sends the agent's reply by SMTP (nodemailer) as an answer in the customer's thread: our own
 * Message-ID, In-Reply-To the message answered, References the thread's chain, "Re: " once.
 * Automatic mail, bounces and lists are never answered; when the newest message of a case is
 * automatic (an out-of-office answering us), the reply goes to the person's latest message.
 */
export class SmtpSender {
  readonly #d: SmtpSenderDeps;
  readonly #transport: ReturnType<typeof nodemailer.createTransport>;

  constructor(deps: SmtpSenderDeps) {
    this.#d = deps;
    const s = deps.server;
    this.#transport = nodemailer.createTransport({
      host: s.host,
      port: s.port,
      secure: s.secure,
      requireTLS: s.requireStartTls === true,
      ...(s.auth ? { auth: { user: s.auth.user, pass: s.auth.pass } } : {}),
      connectionTimeout: 20_000,
      greetingTimeout: 15_000,
      socketTimeout: 60_000,
      logger: false,
      debug: false,
      disableFileAccess: true,
      disableUrlAccess: true,
      ...deps.transportOptions,
    });
  }

  close(): void {
    this.#transport.close();
  }

  async #target(input: ReplyInput): Promise<Target> {
    const stored = await this.#d.threads.get(input.inReplyTo);
    if (!stored?.noReply) return { messageId: input.inReplyTo, stored };
    const human = await this.#d.threads.lastHuman(stored.root);
    const humanMessage = human ? await this.#d.threads.get(human) : null;
    if (!human || !humanMessage || humanMessage.noReply) {
      throw new KlaxonError(
        'invalid_input',
        `Replies are off for this e-mail: it is a ${stored.noReply}. Klaxon never answers automatic mail, bounces or mailing lists.`,
      );
    }
    return { messageId: human, stored: humanMessage };
  }

  async send(input: ReplyInput): Promise<DeliveryResult> {
    const { from, threads, clock, redact } = this.#d;
    const target = await this.#target(input);
    const recipient = (target.stored?.replyTo ?? input.author.id ?? '').trim();
    if (!ADDRESS.test(recipient))
      throw new KlaxonError('invalid_input', "The customer's e-mail address is not known, so the reply cannot be sent.");
    if (recipient.toLowerCase() === from.address.toLowerCase())
      throw new KlaxonError(
        'invalid_input',
        `The message came from Klaxon's own address (${from.address}); replying would write to ourselves.`,
      );
    const references = trimReferences([
      ...new Set([
        ...(target.stored?.references ?? (input.conversationId && input.conversationId !== target.messageId ? [input.conversationId] : [])),
        target.messageId,
      ]),
    ]);
    const messageId = replyMessageId(input.idempotencyKey, from.address);
    const subject = replySubject(target.stored?.subject ?? null);
    const raw = await new MailComposer({
      from: from.name ? { name: from.name, address: from.address } : from.address,
      to: recipient,
      subject,
      text: input.text,
      messageId: `<${messageId}>`,
      inReplyTo: `<${target.messageId}>`,
      references: references.map((id) => `<${id}>`),
      date: clock.now(),
      xMailer: false,
      textEncoding: 'quoted-printable',
    })
      .compile()
      .build();
    // Whether the whole message left us decides between "not delivered, retry" and "uncertain".
    let messageSent = false;
    const body = Readable.from([raw]);
    body.on('end', () => {
      messageSent = true;
    });
    this.#d.counted('smtp.send');
    try {
      await this.#transport.sendMail({ envelope: { from: from.address, to: [recipient] }, raw: body });
    } catch (error) {
      throw classifySmtpError(error, messageSent, redact);
    }
    await threads.rememberSent(
      messageId,
      target.stored?.root ?? input.conversationId ?? target.messageId,
      target.stored?.subject ?? subject,
      references,
    );
    return { id: messageId };
  }
}
