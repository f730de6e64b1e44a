import { afterEach, describe, expect, it, vi } from 'vitest';
import { simpleParser } from 'mailparser';
import { DeliveryUncertainError } from '../../adapters/email/smtp/errors.js';
import { replySubject } from '../../adapters/email/smtp/sender.js';
import { isKlaxonError } from '../../src/errors.js';
import { RetryableError, type ReplyInput } from '../../src/ports.js';
import { headerOf } from './fake-smtp.js';
import { BRAND, mail, SMTP_PASS, SMTP_USER, startEmailWorld, type EmailWorld } from './world.js';

/** nodemailer against smtp-server: a real SMTP conversation on loopback. */
let w: EmailWorld;
afterEach(async () => {
  await w?.close();
});

const NOW = new Date('2026-11-23T10:00:00Z');
const waitFor = <T>(fn: () => T) => vi.waitFor(fn, { timeout: 8_000, interval: 10 });

function reply(inReplyTo: string, overrides: Partial<ReplyInput> = {}): ReplyInput {
  return {
    caseId: 1,
    inReplyTo,
    author: { id: 'jane@example.com', name: 'Jane Doe <jane@example.com>' },
    conversationId: 'first@example.com',
    text: 'Hi Jane, a new parcel left today.\n\nAcme Support',
    idempotencyKey: 'klaxon-reply-7',
    ...overrides,
  };
}

/** Receives messages through IMAP so the adapter knows their thread, as in production. */
async function receive(world: EmailWorld, raws: string[]): Promise<void> {
  for (const raw of raws) world.imap.deliver(raw, NOW);
  await world.started(world.adapter());
  await waitFor(() => expect(world.mentions()).toHaveLength(raws.length));
}

describe('replies by SMTP', () => {
  it('answers in the thread: our Message-ID, In-Reply-To, References, "Re: " once, the right envelope', async () => {
    w = await startEmailWorld();
    await receive(w, [
      mail({ id: 'first@example.com', subject: 'RE: AW: Order 4411' }),
      mail({
        id: 'second@example.com',
        subject: 'Re: RE: AW: Order 4411',
        inReplyTo: 'klaxon.old@acme.example',
        references: '<first@example.com> <klaxon.old@acme.example>',
        body: 'Any news?',
      }),
    ]);
    const email = w.adapter();
    const result = await email.sendPrivate(reply('second@example.com'));
    expect(w.smtp.received).toHaveLength(1);
    const sent = w.smtp.received[0];
    expect(sent?.from).toBe(BRAND);
    expect(sent?.to).toEqual(['jane@example.com']);
    expect(sent?.user).toBe(SMTP_USER);
    const raw = sent?.raw ?? '';
    expect(headerOf(raw, 'In-Reply-To')).toBe('<second@example.com>');
    expect(headerOf(raw, 'References')).toBe('<first@example.com> <klaxon.old@acme.example> <second@example.com>');
    expect(headerOf(raw, 'Subject')).toBe('Re: Order 4411');
    expect(headerOf(raw, 'Message-ID')).toBe(`<${result.id}>`);
    expect(result.id).toMatch(/^klaxon\.[0-9a-f]{32}@acme\.example$/);
    expect(headerOf(raw, 'From')).toBe(`Acme Support <${BRAND}>`);
    const parsed = await simpleParser(raw);
    expect(parsed.text?.trim()).toBe('Hi Jane, a new parcel left today.\n\nAcme Support');
    // The same reply retried carries the same Message-ID, so receiving servers drop a copy.
    const again = await email.sendPrivate(reply('second@example.com'));
    expect(again.id).toBe(result.id);
    expect(w.rawLogs.join('\n')).not.toContain(SMTP_PASS);
  });

  it("writes to Reply-To when the mail names one, and the customer's answer to our reply joins the case", async () => {
    w = await startEmailWorld();
    await receive(w, [
      mail({
        id: 'form@example.com',
        from: 'Web form <noreply@forms.example>',
        headers: { 'Reply-To': '"Jane Doe" <jane.doe@example.com>' },
      }),
    ]);
    const email = w.adapter();
    const sent = await email.sendPrivate(reply('form@example.com', { conversationId: 'form@example.com' }));
    expect(w.smtp.received[0]?.to).toEqual(['jane.doe@example.com']);
    // The customer answers our reply with only In-Reply-To (no References).
    w.imap.deliver(
      mail({ id: 'answer@example.com', from: 'noreply@forms.example', subject: 'Re: My order', inReplyTo: sent.id ?? '', body: 'Thanks!' }),
      NOW,
    );
    await waitFor(() => expect(w.mentions()).toHaveLength(2));
    const [first, answer] = w.mentions();
    expect(answer?.conversationId).toBe('form@example.com');
    expect(answer?.caseId).toBe(first?.caseId);
  });

  it('a Reply-To on another domain than From is not trusted: the reply goes to From and the card says why', async () => {
    w = await startEmailWorld();
    await receive(w, [
      mail({ id: 'spoof@example.com', from: 'Jane <jane@example.com>', headers: { 'Reply-To': 'jane.refunds@evil.example' } }),
      mail({ id: 'alias@example.com', from: 'Omar <omar@example.com>', headers: { 'Reply-To': 'omar.k@mail.example.com' } }),
    ]);
    const [spoofed, alias] = w.mentions();
    const note = "↩️ Reply-To points to evil.example, not the sender's domain example.com: replies go to the sender's address";
    expect(spoofed?.text.split('\n')[0]).toBe(note);
    // The same domain (or a subdomain of it) is the customer's own: no note, and Reply-To is used.
    expect(alias?.text).not.toContain('Reply-To');
    const email = w.adapter();
    await email.sendPrivate(reply('spoof@example.com', { conversationId: 'spoof@example.com' }));
    await email.sendPrivate(reply('alias@example.com', { conversationId: 'alias@example.com', author: { id: 'omar@example.com' } }));
    expect(w.smtp.received.map((m) => m.to)).toEqual([['jane@example.com'], ['omar.k@mail.example.com']]);
  });

  it("a refused recipient is a final failure with the server's words; a busy mailbox is retried", async () => {
    w = await startEmailWorld();
    await receive(w, [
      mail({ id: 'gone@example.com', from: 'gone@example.com' }),
      mail({ id: 'busy@example.com', from: 'busy@example.com' }),
    ]);
    w.smtp.unknown.add('gone@example.com');
    w.smtp.busy.add('busy@example.com');
    const email = w.adapter();
    const refused = await email.sendPrivate(reply('gone@example.com', { author: { id: 'gone@example.com' } })).catch((e: unknown) => e);
    expect(isKlaxonError(refused, 'delivery_failed')).toBe(true);
    expect((refused as Error).message).toMatch(/refused the customer's address: 550 5\.1\.1 <\(address withheld\)>: Recipient address/);
    // The words go to the outbox's log line too: never the customer's address.
    expect((refused as Error).message).not.toContain('gone@example.com');
    const busy = await email.sendPrivate(reply('busy@example.com', { author: { id: 'busy@example.com' } })).catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(RetryableError);
    expect((busy as Error).message).toMatch(/451/);
    expect(w.smtp.received).toHaveLength(0);
  });

  it('a connection cut after the whole message was sent is uncertain; one cut before is retryable', async () => {
    w = await startEmailWorld();
    await receive(w, [mail({ id: 'cut@example.com' })]);
    const email = w.adapter();
    w.smtp.cutAfterData = true;
    const cut = await email.sendPrivate(reply('cut@example.com')).catch((e: unknown) => e);
    expect(cut).toBeInstanceOf(DeliveryUncertainError);
    expect((cut as Error).message).toMatch(/may have arrived/);

    await w.smtp.close();
    const down = await email.sendPrivate(reply('cut@example.com')).catch((e: unknown) => e);
    expect(down).toBeInstanceOf(RetryableError);
    expect((down as Error).message).toMatch(/Could not reach the mail server/);
    expect(w.rawLogs.join('\n')).not.toContain(SMTP_PASS);
  });

  it('a wrong SMTP password fails with a hint and without the password', async () => {
    w = await startEmailWorld();
    await receive(w, [mail({ id: 'auth@example.com' })]);
    const smtp = w.settings.smtp;
    if (!smtp?.auth) throw new Error('SMTP settings expected');
    w.settings.smtp = { ...smtp, auth: { user: smtp.auth.user, pass: 'not-the-PASSWORD' } };
    const error = await w
      .adapter()
      .sendPrivate(reply('auth@example.com'))
      .catch((e: unknown) => e);
    expect(isKlaxonError(error, 'delivery_failed')).toBe(true);
    expect((error as Error).message).toMatch(/SMTP login: check the user and password in SMTP_URL/);
    expect((error as Error).message).not.toContain('not-the-PASSWORD');
    expect(w.smtp.authFailures).toBe(1);
  });

  it('never answers automatic mail; when a case ends with an out-of-office, the reply goes to the person', async () => {
    w = await startEmailWorld();
    await receive(w, [
      mail({ id: 'person@example.com' }),
      mail({
        id: 'ooo@example.com',
        subject: 'Automatic reply: My order',
        inReplyTo: 'klaxon.x@acme.example',
        references: '<person@example.com> <klaxon.x@acme.example>',
        headers: { 'Auto-Submitted': 'auto-replied' },
        body: 'I am out of the office until Monday.',
      }),
      mail({
        id: 'bounce@example.com',
        from: 'MAILER-DAEMON@mx.example.net',
        subject: 'Undelivered Mail Returned to Sender',
        body: 'This is the mail system.',
      }),
    ]);
    const [person, ooo, bounce] = w.mentions();
    expect(ooo?.caseId).toBe(person?.caseId);
    expect(ooo?.text.split('\n')[0]).toBe('⛔ Replies off: automatic message (Auto-Submitted: auto-replied)');
    expect(bounce?.text.split('\n')[0]).toBe('⛔ Replies off: bounce (from MAILER-DAEMON)');
    const email = w.adapter();
    expect(email.capabilities({ externalId: 'bounce@example.com', isPrivate: true, text: bounce?.text ?? '' }).privateReply).toEqual({
      possible: false,
      why: 'Replies are off: bounce (from MAILER-DAEMON)',
    });
    expect(email.capabilities({ externalId: 'person@example.com', isPrivate: true, text: person?.text ?? '' })).toEqual({
      publicReply: { possible: false, why: 'e-mail is private: every reply is sent as a private e-mail' },
      privateReply: { possible: true },
    });

    await email.sendPrivate(reply('ooo@example.com', { conversationId: 'person@example.com' }));
    expect(w.smtp.received).toHaveLength(1);
    expect(headerOf(w.smtp.received[0]?.raw ?? '', 'In-Reply-To')).toBe('<person@example.com>');

    const refused = await email
      .sendPrivate(reply('bounce@example.com', { author: { id: 'mailer-daemon@mx.example.net' }, conversationId: 'bounce@example.com' }))
      .catch((e: unknown) => e);
    expect(isKlaxonError(refused, 'invalid_input')).toBe(true);
    expect((refused as Error).message).toMatch(/Replies are off for this e-mail: it is a bounce/);
    expect(w.smtp.received).toHaveLength(1);
  });

  it('has no public reply: e-mail is private', async () => {
    w = await startEmailWorld();
    const email = w.adapter();
    expect(email.validate?.('Hello', 'public')).toMatch(/E-mail is private/);
    expect(email.validate?.('Hello', 'private')).toBeNull();
    await expect(email.replyPublic(reply('x@example.com'))).rejects.toThrow(/E-mail is private/);
  });
});

describe('the reply subject', () => {
  it.each([
    ['Order 4411', 'Re: Order 4411'],
    ['Re: Order 4411', 'Re: Order 4411'],
    ['RE: RE: re: Order', 'Re: Order'],
    ['AW: Rechnung', 'Re: Rechnung'],
    ['SV: Faktura', 'Re: Faktura'],
    ['Re[2]: Order', 'Re: Order'],
    ['', 'Re: your e-mail'],
    [null, 'Re: your e-mail'],
    ['Refund\r\nBcc: everyone@example.com', 'Re: Refund Bcc: everyone@example.com'],
    ['Recall of my car', 'Re: Recall of my car'],
  ])('%j → %j', (subject, expected) => {
    expect(replySubject(subject)).toBe(expected);
  });
});
