import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { cases, mentions } from '../../db/schema/index.js';
import { createKlaxon } from '../../app/compose.js';
import { unconfiguredPlatforms } from '../../app/settings.js';
import { ManualClock } from '../../src/clock.js';
import { replyCase } from '../../src/cases/verbs/reply.js';
import { ConfigError } from '../../src/config/load.js';
import { createLogger, silentLogger } from '../../src/log.js';
import { makeConfig } from '../helpers/config.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { FakeImapServer } from './fake-imap/server.js';
import { FakeSmtp, headerOf } from './fake-smtp.js';
import { BRAND, IMAP_PASS, IMAP_USER, INBOUND_SECRET, mail, SMTP_PASS, SMTP_USER } from './world.js';

/**
 * The real app (Bolt, the local Slack Web API, SQLite with the migrations) with e-mail wired in
 * as app/compose.ts wires it: IMAP and SMTP against the loopback servers, POST /ingest/email on the
 * app's one HTTP server.
 */
const agent = { id: 'slack:U0AGENT01', name: 'Ann Agent', platform: 'slack' };
const waitFor = <T>(fn: () => T) => vi.waitFor(fn, { timeout: 10_000, interval: 10 });

describe('e-mail in the app', () => {
  let h: Harness;
  let imap: FakeImapServer;
  let smtp: FakeSmtp;
  const logs: string[] = [];
  const clock = new ManualClock('2026-11-23T10:00:00Z');

  beforeEach(async () => {
    clock.set(new Date());
    logs.length = 0;
    imap = new FakeImapServer({ user: IMAP_USER, pass: IMAP_PASS });
    smtp = new FakeSmtp({ user: SMTP_USER, pass: SMTP_PASS });
    const [imapPort, smtpPort] = await Promise.all([imap.listen(), smtp.listen()]);
    h = await startHarness({
      clock,
      logger: createLogger({ level: 'debug', write: (line) => logs.push(line) }),
      env: {
        IMAP_URL: `imap://${encodeURIComponent(IMAP_USER)}:${encodeURIComponent(IMAP_PASS)}@127.0.0.1:${imapPort}`,
        SMTP_URL: `smtp://${encodeURIComponent(SMTP_USER)}:${encodeURIComponent(SMTP_PASS)}@127.0.0.1:${smtpPort}`,
        EMAIL_FROM: `Acme Support <${BRAND}>`,
        EMAIL_INBOUND_SECRET: INBOUND_SECRET,
      },
    });
  });
  afterEach(async () => {
    await h.close();
    await imap.close();
    await smtp.close();
  });

  const cardText = () => JSON.stringify(h.workspace.topLevel('CTRIAGE').map((m) => m.blocks));
  const caseIds = () =>
    h.klaxon.db.db
      .select({ id: cases.id })
      .from(cases)
      .all()
      .map((c) => c.id);

  it('a customer e-mail becomes a private card; the reply goes out by SMTP in the thread and the card says so', async () => {
    imap.deliver(
      mail({
        id: 'e2e-1@example.com',
        date: clock.now().toUTCString(),
        subject: 'Charged twice',
        body: 'You charged me twice for order 4411. I want my money back.\n\nSent from my iPhone',
      }),
      clock.now(),
    );
    await waitFor(() => expect(caseIds()).toHaveLength(1));
    await h.klaxon.worker.idle();
    await waitFor(() => expect(h.workspace.topLevel('CTRIAGE')).toHaveLength(1));
    expect(cardText()).toContain('🔒 private: replies are sent privately');
    expect(cardText()).toContain('Subject: Charged twice');
    expect(cardText()).not.toContain('Sent from my iPhone');

    // Reply (the card's public Reply): e-mail is private, so it goes as a private e-mail.
    const [caseId] = caseIds();
    const queued = await replyCase({
      ctx: h.klaxon.cases,
      input: { caseId: caseId ?? 0, actor: agent, text: 'Hi Jane, the second charge is refunded today.', mode: 'public' },
    });
    expect(queued.mode).toBe('private');
    await waitFor(() => expect(smtp.received).toHaveLength(1));
    const sent = smtp.received[0]?.raw ?? '';
    expect(headerOf(sent, 'In-Reply-To')).toBe('<e2e-1@example.com>');
    expect(headerOf(sent, 'Subject')).toBe('Re: Charged twice');
    await h.klaxon.worker.idle();
    await waitFor(() => expect(cardText()).toContain('📨 Private message sent'));
    const row = h.klaxon.db.db
      .select()
      .from(cases)
      .where(eq(cases.id, caseId ?? 0))
      .get();
    expect(row?.firstResponseVia).toBe('klaxon');

    // A public note with the reply has nowhere to go on e-mail: refused before anything is queued.
    await expect(
      replyCase({
        ctx: h.klaxon.cases,
        input: { caseId: caseId ?? 0, actor: agent, text: 'More info', mode: 'private', publicNote: 'We sent you a DM' },
      }),
    ).rejects.toThrow(/E-mail is private/);

    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    expect(metrics).toMatch(/klaxon_source_email_messages_total\{via="imap",outcome="accepted"\} 1/);
    expect(metrics).toMatch(/klaxon_source_api_calls_total\{source="email",op="smtp.send"\} 1/);
    expect(metrics).toMatch(/klaxon_source_email_imap_connected 1/);
    expect(logs.some((l) => l.includes('"msg":"e-mail listening"'))).toBe(true);
  });

  it("the mail server's refusal of the recipient is shown on the card", async () => {
    smtp.unknown.add('nobody@example.com');
    imap.deliver(mail({ id: 'e2e-2@example.com', from: 'Nobody <nobody@example.com>', date: clock.now().toUTCString() }), clock.now());
    await waitFor(() => expect(caseIds()).toHaveLength(1));
    const [caseId] = caseIds();
    await replyCase({ ctx: h.klaxon.cases, input: { caseId: caseId ?? 0, actor: agent, text: 'Hello?', mode: 'private' } });
    await waitFor(() => expect(cardText()).toContain('not delivered'));
    expect(cardText()).toMatch(/The mail server refused the customer's address: 550 5\.1\.1/);
    // The refusal is logged by the outbox, without the address (customer data).
    await waitFor(() => expect(logs.some((l) => l.includes('outbound call failed'))).toBe(true));
    expect(logs.join('\n')).not.toContain('nobody@example.com');
    expect(smtp.received).toHaveLength(0);
  });

  it("a 6,000-character e-mail of forty paragraphs is stored whole and carded within Slack's limits", async () => {
    const paragraphs = Array.from({ length: 40 }, (_, i) =>
      `${i + 1}. ${'Nobody has called me back about the broken boiler and the engineer never came. '.repeat(2)}`.trim(),
    );
    const body = paragraphs.join('\n\n');
    expect(body.length).toBeGreaterThan(6_000);
    imap.deliver(mail({ id: 'long@example.com', date: clock.now().toUTCString(), body: `${body}\n\n-- \nJane Doe\n` }), clock.now());
    await waitFor(() => expect(caseIds()).toHaveLength(1));
    const stored = h.klaxon.db.db.select().from(mentions).where(eq(mentions.externalId, 'long@example.com')).get();
    expect(stored?.text).toBe(`Subject: My order has not arrived\n\n${body}`);
    await waitFor(() => expect(h.workspace.topLevel('CTRIAGE')).toHaveLength(1));
    expect(cardText()).toContain('1. Nobody has called me back');
  });

  it('takes provider deliveries on the app server at POST /ingest/email', async () => {
    const res = await fetch(`${h.url}/ingest/email/${INBOUND_SECRET}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        From: 'pm@example.com',
        FromFull: { Email: 'pm@example.com', Name: 'P M' },
        Subject: 'Hi',
        TextBody: 'Through Postmark',
        HtmlBody: '',
        Headers: [{ Name: 'Message-ID', Value: '<pm-e2e@example.com>' }],
        Attachments: [],
      }),
    });
    expect(res.status).toBe(200);
    await waitFor(() => expect(caseIds()).toHaveLength(1));
    const unauthorized = await fetch(`${h.url}/ingest/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(unauthorized.status).toBe(401);
    // The generic endpoint is unchanged beside it.
    expect((await fetch(`${h.url}/ingest`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' })).status).toBe(415);
  });

  it('never logs the IMAP or SMTP password', async () => {
    imap.deliver(mail({ id: 'e2e-3@example.com', date: clock.now().toUTCString() }), clock.now());
    await waitFor(() => expect(caseIds()).toHaveLength(1));
    imap.dropConnections();
    await waitFor(() => expect(logs.some((l) => l.includes('IMAP connection closed'))).toBe(true));
    const all = logs.join('\n');
    for (const secret of [IMAP_PASS, encodeURIComponent(IMAP_PASS), SMTP_PASS, encodeURIComponent(SMTP_PASS), INBOUND_SECRET])
      expect(all).not.toContain(secret);
  });
});

describe('e-mail settings at start-up', () => {
  it('says how to configure e-mail when it is not', () => {
    expect(unconfiguredPlatforms(makeConfig())).toContainEqual(
      expect.stringMatching(/^E-mail is not configured: set IMAP_URL .* EMAIL_INBOUND_SECRET .*POST \/ingest\/email/),
    );
    expect(unconfiguredPlatforms(makeConfig({ EMAIL_INBOUND_SECRET: INBOUND_SECRET })).some((l) => l.startsWith('E-mail'))).toBe(false);
  });

  it('stops the start with one line per bad e-mail setting, never echoing a password', () => {
    const config = makeConfig({
      IMAP_URL: 'imaps://user:hunter2-secret@',
      SMTP_URL: 'http://mail.example.com',
      EMAIL_INBOUND_SECRET: 'short',
    });
    let error: unknown;
    try {
      createKlaxon({ config, logger: silentLogger });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toEqual([
      expect.stringMatching(/^EMAIL_INBOUND_SECRET must be 16–256 characters/),
      expect.stringMatching(/^IMAP_URL is not a URL: write it as imaps:\/\/user:password@/),
      expect.stringMatching(/^SMTP_URL must start with smtps:\/\/ \(TLS\) or smtp:\/\/ \(STARTTLS\)/),
    ]);
    expect(problems.join('\n')).not.toContain('hunter2');
  });
});
