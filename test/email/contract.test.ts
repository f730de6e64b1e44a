import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cases, outbox } from '../../db/schema/index.js';
import type { EmailAdapter } from '../../adapters/email/index.js';
import type { CaseContext } from '../../src/cases/context.js';
import { loadLastReply } from '../../src/cases/view.js';
import { replyCase } from '../../src/cases/verbs/reply.js';
import { silentLogger } from '../../src/log.js';
import { createReplyHandlers } from '../../src/outbox/reply-handlers.js';
import { OutboxWorker } from '../../src/outbox/worker.js';
import { IMAP_PASS, INBOUND_SECRET, mail, SMTP_PASS, startEmailWorld, type EmailWorld } from './world.js';

/**
 * What every source must do (issue #17, item 5), for e-mail, through the real verb and outbox:
 * one case per item, nothing twice across a restart, follow-ups join the case, no public reply
 * (e-mail is private) and a private one that works, the platform's refusal on the card, the
 * platform's "later" honoured on the injected clock, no secret in any log line.
 */
const agent = { id: 'slack:U1', name: 'Ann Agent', platform: 'slack' };
const waitFor = <T>(fn: () => T) => vi.waitFor(fn, { timeout: 8_000, interval: 10 });

describe('the source contract, for e-mail', () => {
  let w: EmailWorld;
  let email: EmailAdapter;
  let worker: OutboxWorker;
  let ctx: CaseContext;

  beforeEach(async () => {
    w = await startEmailWorld();
    email = await w.started(w.adapter());
    const sources = new Map([['email', email]]);
    ctx = { ...w.core.cases, replySources: sources };
    const { db } = w.core.handle;
    worker = new OutboxWorker({
      db,
      clock: w.core.clock,
      logger: silentLogger,
      handlers: createReplyHandlers({ db, clock: w.core.clock, sources }),
      pacing: () => ({ intervalMs: 0, cap: 1 }),
      pollIntervalMs: 20,
    });
    await worker.start();
    await waitFor(() => expect(w.imap.idling).toBe(1));
  });
  afterEach(async () => {
    await worker.stop(1000);
    await w.close();
  });

  const now = () => w.core.clock.now();
  const caseRows = () => w.core.handle.db.select().from(cases).all();

  it('one case per item; a follow-up joins it; nothing twice across a restart', async () => {
    w.imap.deliver(mail({ id: 'c1@example.com' }), now());
    w.imap.deliver(mail({ id: 'c2@example.com', from: 'other@example.org' }), now());
    await waitFor(() => expect(w.mentions()).toHaveLength(2));
    expect(caseRows()).toHaveLength(2);
    w.imap.deliver(
      mail({
        id: 'c3@example.com',
        inReplyTo: 'c1@example.com',
        references: '<c1@example.com>',
        subject: 'Re: My order has not arrived',
        body: 'Any news?',
      }),
      now(),
    );
    await waitFor(() => expect(w.mentions()).toHaveLength(3));
    expect(caseRows()).toHaveLength(2);
    // The same mail delivered again (by a provider's retry) and a restart of the listener.
    const again = await fetchInbound(email, mail({ id: 'c1@example.com' }));
    expect(again).toBe('duplicate');
    await email.stop();
    const restarted = await w.started(w.adapter());
    await waitFor(() => expect(w.imap.idling).toBe(1));
    await restarted.imap?.settled();
    expect(w.mentions()).toHaveLength(3);
    expect(caseRows()).toHaveLength(2);
  });

  it('has no public reply; a private reply is delivered and recorded as the first response', async () => {
    w.imap.deliver(mail({ id: 'p1@example.com' }), now());
    await waitFor(() => expect(w.mentions()).toHaveLength(1));
    const caseId = w.mentions()[0]?.caseId ?? 0;
    const item = { externalId: 'p1@example.com', isPrivate: true, text: w.mentions()[0]?.text ?? '' };
    expect(email.capabilities(item).publicReply).toEqual({
      possible: false,
      why: 'e-mail is private: every reply is sent as a private e-mail',
    });
    expect(email.capabilities(item).privateReply).toEqual({ possible: true });
    await replyCase({ ctx, input: { caseId, actor: agent, text: 'We are on it, Jane.', mode: 'public' } });
    worker.kick();
    await waitFor(() => expect(loadLastReply(w.core.handle.db, caseId)?.status).toBe('done'));
    expect(loadLastReply(w.core.handle.db, caseId)?.mode).toBe('private');
    expect(w.smtp.received).toHaveLength(1);
    expect(w.core.handle.db.select().from(cases).where(eq(cases.id, caseId)).get()?.firstResponseVia).toBe('klaxon');
  });

  it("shows the platform's refusal on the card", async () => {
    w.smtp.unknown.add('jane@example.com');
    w.imap.deliver(mail({ id: 'f1@example.com' }), now());
    await waitFor(() => expect(w.mentions()).toHaveLength(1));
    const caseId = w.mentions()[0]?.caseId ?? 0;
    await replyCase({ ctx, input: { caseId, actor: agent, text: 'Hello Jane', mode: 'private' } });
    worker.kick();
    await waitFor(() => expect(loadLastReply(w.core.handle.db, caseId)?.status).toBe('failed'));
    expect(loadLastReply(w.core.handle.db, caseId)?.error).toMatch(/^The mail server refused the customer's address: 550/);
    const thread = w.core.handle.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.kind, 'thread.post'), eq(outbox.caseId, caseId)))
      .all()
      .map((r) => (r.payload as { text: string }).text);
    expect(thread.some((t) => t.includes('NOT delivered') && t.includes('550'))).toBe(true);
  });

  it('honours "try again later" (451) on the injected clock, then delivers once', async () => {
    w.smtp.busy.add('jane@example.com');
    w.imap.deliver(mail({ id: 'b1@example.com' }), now());
    await waitFor(() => expect(w.mentions()).toHaveLength(1));
    const caseId = w.mentions()[0]?.caseId ?? 0;
    await replyCase({ ctx, input: { caseId, actor: agent, text: 'Hello again', mode: 'private' } });
    worker.kick();
    const row = () => w.core.handle.db.select().from(outbox).where(eq(outbox.kind, 'reply.private')).get();
    await waitFor(() => expect(row()?.lastError).toMatch(/451/));
    expect(row()?.status).toBe('pending');
    const due = row()?.nextAttemptAt.getTime() ?? 0;
    expect(due).toBeGreaterThan(now().getTime());
    // Before the wait is over nothing is sent; after it, the message goes once.
    w.smtp.busy.delete('jane@example.com');
    worker.kick();
    await worker.idle();
    expect(w.smtp.received).toHaveLength(0);
    w.core.clock.set(due + 1);
    worker.kick();
    await waitFor(() => expect(row()?.status).toBe('done'));
    expect(w.smtp.received).toHaveLength(1);
  });

  it('never logs a secret', async () => {
    w.imap.deliver(mail({ id: 's1@example.com' }), now());
    await waitFor(() => expect(w.mentions()).toHaveLength(1));
    w.smtp.unknown.add('jane@example.com');
    const caseId = w.mentions()[0]?.caseId ?? 0;
    await replyCase({ ctx, input: { caseId, actor: agent, text: 'x', mode: 'private' } });
    worker.kick();
    await waitFor(() => expect(loadLastReply(w.core.handle.db, caseId)?.status).toBe('failed'));
    w.imap.dropConnections();
    await waitFor(() => expect(w.logs.some((l) => l.msg.includes('IMAP connection closed'))).toBe(true));
    const all = w.rawLogs.join('\n');
    for (const secret of [IMAP_PASS, encodeURIComponent(IMAP_PASS), SMTP_PASS, encodeURIComponent(SMTP_PASS), INBOUND_SECRET])
      expect(all).not.toContain(secret);
  });
});

/** The same message through POST /ingest/email's path (a provider redelivering it). */
async function fetchInbound(email: EmailAdapter, raw: string): Promise<string> {
  const route = email.routes[0];
  if (!route) throw new Error('no inbound route');
  const { createServer } = await import('node:http');
  const server = createServer((req, res) => void route.handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  try {
    const boundary = 'contract';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="email"\r\n\r\n${raw}\r\n--${boundary}--\r\n`;
    const res = await fetch(`http://127.0.0.1:${port}/ingest/email/${INBOUND_SECRET}`, {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
    });
    const json = (await res.json()) as { accepted: number; duplicates: number };
    return json.duplicates === 1 ? 'duplicate' : json.accepted === 1 ? 'accepted' : `status ${res.status}`;
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
