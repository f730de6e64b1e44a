import { afterEach, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { cases } from '../../db/schema/index.js';
import type { SourceSink } from '../../adapters/source-kit/types.js';
import { refuseMentionsContaining } from '../helpers/refuse-mentions.js';
import { BRAND, IMAP_PASS, mail, startEmailWorld, type EmailWorld } from './world.js';

/**
 * imapflow against a loopback IMAP server that speaks the real protocol: login, SELECT with
 * UIDVALIDITY/UIDNEXT, UID FETCH of ENVELOPE, BODYSTRUCTURE and BODY[], IDLE with EXISTS.
 */
let w: EmailWorld;
afterEach(async () => {
  await w?.close();
});

const at = (iso: string) => new Date(iso);
const NOW = '2026-11-23T10:00:00Z';
const waitFor = <T>(fn: () => T) => vi.waitFor(fn, { timeout: 8_000, interval: 10 });
/** The listener's reconnect is on the timers (beside the e-mail source's six-hourly pruning of old thread records). */
const reconnectScheduled = () => w.timers.pending().some((p) => p.ms < 3_600_000);

describe('e-mail over IMAP', () => {
  it('on a first start imports the last day of mail, one private case per message, then listens with IDLE', async () => {
    w = await startEmailWorld();
    w.imap.deliver(mail({ id: 'old@example.com', date: 'Sat, 21 Nov 2026 09:00:00 +0000' }), at('2026-11-21T09:00:00Z'));
    w.imap.deliver(mail({ id: 'm1@example.com' }), at('2026-11-23T09:58:00Z'));
    const adapter = await w.started(w.adapter());
    await waitFor(() => expect(w.mentions()).toHaveLength(1));
    const [m] = w.mentions();
    expect(m).toMatchObject({
      externalId: 'm1@example.com',
      isPrivate: true,
      authorId: 'jane@example.com',
      authorName: 'Jane Doe <jane@example.com>',
      conversationId: 'm1@example.com',
      direction: 'inbound',
    });
    expect(m?.text).toBe('Subject: My order has not arrived\n\nHello, my order #4411 has not arrived after two weeks. Please help.');

    // New mail arrives while the session is in IDLE: the server's EXISTS brings it in, no polling.
    await waitFor(() => expect(w.imap.idling).toBe(1));
    w.imap.deliver(mail({ id: 'm2@example.com', from: 'Bob <bob@example.org>', subject: 'Refund?', body: 'Where is my refund?' }), at(NOW));
    await waitFor(() => expect(w.mentions()).toHaveLength(2));
    expect(w.imap.commands.filter((c) => c.startsWith('NOOP'))).toEqual([]);
    const caseIds = new Set(w.mentions().map((x) => x.caseId));
    expect(caseIds.size).toBe(2);
    await adapter.imap?.settled();
    expect(await w.metrics.registry.getSingleMetric('klaxon_source_email_imap_connected')?.get()).toMatchObject({ values: [{ value: 1 }] });
  });

  it('puts a follow-up in the same case through In-Reply-To and References', async () => {
    w = await startEmailWorld();
    await w.started(w.adapter());
    await waitFor(() => expect(w.imap.idling).toBe(1));
    w.imap.deliver(mail({ id: 'first@example.com' }), at(NOW));
    await waitFor(() => expect(w.mentions()).toHaveLength(1));
    // Our reply (not ingested) sits between: the customer answers it, quoting the thread.
    w.imap.deliver(
      mail({
        id: 'second@example.com',
        subject: 'Re: My order has not arrived',
        inReplyTo: 'klaxon.abc@acme.example',
        references: '<first@example.com> <klaxon.abc@acme.example>',
        body: 'Still nothing.\n\nOn Mon, 23 Nov 2026 at 10:05, Acme Support <support@acme.example> wrote:\n> We are on it.',
      }),
      at(NOW),
    );
    // A customer whose client keeps only In-Reply-To, answering their own first message.
    w.imap.deliver(mail({ id: 'third@example.com', subject: 'Re: My order', inReplyTo: 'second@example.com', body: 'Hello??' }), at(NOW));
    await waitFor(() => expect(w.mentions()).toHaveLength(3));
    const [a, b, c] = w.mentions();
    expect(b?.caseId).toBe(a?.caseId);
    expect(c?.caseId).toBe(a?.caseId);
    expect(b?.text).toBe('Still nothing.');
    expect(b?.conversationId).toBe('first@example.com');
    expect(c?.conversationId).toBe('first@example.com');
    const row = w.core.handle.db
      .select()
      .from(cases)
      .where(eq(cases.id, a?.caseId ?? 0))
      .get();
    expect(row?.mentionCount).toBe(3);
  });

  it('a restart mid-stream reads nothing twice and loses nothing', async () => {
    w = await startEmailWorld();
    for (let i = 1; i <= 5; i += 1)
      w.imap.deliver(mail({ id: `r${i}@example.com`, from: `"Customer ${i}" <c${i}@example.com>`, body: `Problem number ${i}` }), at(NOW));
    // The first run stores two messages, then storage fails (the process is going down).
    let calls = 0;
    const failing: SourceSink = {
      ingest: (batch) => {
        calls += 1;
        if (calls > 2) throw new Error('database is closing');
        return w.sink.ingest(batch);
      },
      amplify: (batch) => w.sink.amplify(batch),
    };
    const first = await w.started(w.adapter(), failing);
    await waitFor(() => expect(w.logs.some((l) => l.msg.startsWith('IMAP sync failed'))).toBe(true));
    await first.stop();
    expect(w.mentions().map((m) => m.externalId)).toEqual(['r1@example.com', 'r2@example.com']);
    const fetchesBefore = w.imap.commands.length;

    const second = await w.started(w.adapter());
    await waitFor(() => expect(w.mentions()).toHaveLength(5));
    await second.imap?.settled();
    expect(w.mentions().map((m) => m.externalId)).toEqual([
      'r1@example.com',
      'r2@example.com',
      'r3@example.com',
      'r4@example.com',
      'r5@example.com',
    ]);
    // The second run downloaded only the three it had not stored.
    const downloads = w.imap.commands.slice(fetchesBefore).filter((c) => c.includes('BODY.PEEK[]'));
    expect(downloads.join(' ')).not.toMatch(/\b[12],/);
    expect(downloads.map((c) => /^UID FETCH (\S+)/.exec(c)?.[1])).toEqual(['3,4,5']);

    // And a third start finds nothing new to read.
    await second.stop();
    const third = await w.started(w.adapter());
    await waitFor(() => expect(w.imap.idling).toBe(1));
    await third.imap?.settled();
    expect(w.mentions()).toHaveLength(5);
  });

  it('a message the core could not store is not skipped: the cursor waits before it and a later pass stores it', async () => {
    w = await startEmailWorld();
    const lift = refuseMentionsContaining(w.core.handle, 'STORAGEFAULT');
    w.imap.deliver(mail({ id: 'f1@example.com', body: 'My refund is missing STORAGEFAULT' }), at(NOW));
    w.imap.deliver(mail({ id: 'f2@example.com', from: 'Bob <bob@example.org>', body: 'The app logs me out' }), at(NOW));
    const adapter = await w.started(w.adapter());
    await waitFor(() => expect(w.logs.some((l) => l.msg.startsWith('IMAP sync failed'))).toBe(true));
    // Nothing after the failed message was taken either: the cursor stays before it.
    expect(w.mentions()).toEqual([]);
    const notStored = await w.metrics.registry.getSingleMetric('klaxon_source_items_not_stored_total')?.get();
    expect(notStored?.values).toEqual([{ labels: { source: 'email' }, value: 1 }]);
    lift();
    // The retry waits with backoff on the injected clock, then reads the same message again.
    w.timers.advance(15 * 60_000);
    await waitFor(() => expect(w.mentions().map((m) => m.externalId)).toEqual(['f1@example.com', 'f2@example.com']));
    await adapter.imap?.settled();
    // And a restart reads neither again.
    await adapter.stop();
    const again = await w.started(w.adapter());
    await waitFor(() => expect(w.imap.idling).toBe(1));
    await again.imap?.settled();
    expect(w.mentions()).toHaveLength(2);
  });

  it('when the server renumbers the mailbox (UIDVALIDITY changes) it re-syncs without ingesting twice', async () => {
    w = await startEmailWorld();
    w.imap.deliver(mail({ id: 'v1@example.com' }), at(NOW));
    w.imap.deliver(mail({ id: 'v2@example.com', from: 'bob@example.org' }), at(NOW));
    await w.started(w.adapter());
    await waitFor(() => expect(w.mentions()).toHaveLength(2));
    await waitFor(() => expect(w.imap.idling).toBe(1));
    const before = w.imap.commands.length;
    w.imap.renumber();
    w.imap.deliver(mail({ id: 'v3@example.com', from: 'carol@example.net', body: 'New after the move' }), at(NOW));
    // The server said BYE; the reconnect waits on the (injected) backoff timer.
    await waitFor(() => expect(reconnectScheduled()).toBe(true));
    w.timers.advance(5_000);
    await waitFor(() => expect(w.mentions()).toHaveLength(3));
    expect(w.mentions().map((m) => m.externalId)).toEqual(['v1@example.com', 'v2@example.com', 'v3@example.com']);
    expect(w.logs.some((l) => l.msg.includes('UIDVALIDITY changed'))).toBe(true);
    const downloads = w.imap.commands.slice(before).filter((c) => c.includes('BODY.PEEK[]'));
    expect(downloads).toEqual([expect.stringMatching(/^UID FETCH 3 /)]);
  });

  it('reconnects after the network drops and reads what came meanwhile', async () => {
    w = await startEmailWorld();
    await w.started(w.adapter());
    await waitFor(() => expect(w.imap.idling).toBe(1));
    w.imap.dropConnections();
    await waitFor(() => expect(reconnectScheduled()).toBe(true));
    w.imap.deliver(mail({ id: 'while-down@example.com' }), at(NOW));
    expect(w.mentions()).toHaveLength(0);
    w.timers.advance(5_000);
    await waitFor(() => expect(w.mentions()).toHaveLength(1));
  });

  it('refuses a wrong password, says so without the password, and keeps retrying slowly', async () => {
    w = await startEmailWorld();
    const good = w.settings.imap;
    if (!good) throw new Error('IMAP settings expected');
    // Not among the secrets the adapter redacts: it must never print a password in the first place.
    w.settings.imap = { ...good, auth: { user: good.auth.user, pass: 'wrong-PASSWORD-123' } };
    await w.started(w.adapter());
    await waitFor(() => expect(w.logs.some((l) => l.msg.startsWith('IMAP login refused'))).toBe(true));
    expect(w.imap.refusedLogins).toBe(1);
    const line = w.logs.find((l) => l.msg.startsWith('IMAP login refused'));
    expect(line?.msg).toContain('support@acme.example');
    expect(line?.msg).toContain('IMAP_URL');
    expect(w.rawLogs.join('\n')).not.toContain('wrong-PASSWORD-123');
    // The next try waits at least half a minute: a wrong password does not fix itself in a second.
    expect(w.timers.pending()[0]?.inMs).toBeGreaterThanOrEqual(30_000);
    w.timers.advance(w.timers.pending()[0]?.inMs ?? 0);
    await waitFor(() => expect(w.imap.refusedLogins).toBe(2));
    expect(w.mentions()).toHaveLength(0);
  });

  it('says which mailbox cannot be opened, and tries again later', async () => {
    w = await startEmailWorld();
    const good = w.settings.imap;
    if (!good) throw new Error('IMAP settings expected');
    w.settings.imap = { ...good, mailbox: 'Support/Inbound' };
    await w.started(w.adapter());
    await waitFor(() => expect(w.logs.some((l) => l.msg.startsWith('IMAP mailbox "Support/Inbound" cannot be opened'))).toBe(true));
    expect(w.logs.find((l) => l.msg.startsWith('IMAP mailbox'))?.server).toMatch(/Unknown mailbox/);
    expect(w.timers.pending()[0]?.inMs).toBeGreaterThanOrEqual(30_000);
  });

  it('logs in with LOGIN when the server offers no AUTH=PLAIN', async () => {
    w = await startEmailWorld({ authPlain: false });
    w.imap.deliver(mail({ id: 'login@example.com' }), at(NOW));
    await w.started(w.adapter());
    await waitFor(() => expect(w.mentions()).toHaveLength(1));
    expect(w.imap.commands).toContain('LOGIN ***');
    expect(w.rawLogs.join('\n')).not.toContain(IMAP_PASS);
  });

  it('mail from our own address is the brand answering outside Klaxon, not a new case', async () => {
    w = await startEmailWorld();
    w.imap.deliver(mail({ id: 'cust@example.com' }), at(NOW));
    w.imap.deliver(
      mail({
        id: 'ours@acme.example',
        from: `Acme Support <${BRAND}>`,
        to: 'jane@example.com',
        subject: 'Re: My order',
        inReplyTo: 'cust@example.com',
        references: '<cust@example.com>',
        date: 'Mon, 23 Nov 2026 09:59:00 +0000',
        body: 'We sent a new parcel.',
      }),
      at(NOW),
    );
    await w.started(w.adapter());
    await waitFor(() => expect(w.mentions()).toHaveLength(2));
    const [customer, ours] = w.mentions();
    expect(ours?.direction).toBe('outbound');
    const row = w.core.handle.db
      .select()
      .from(cases)
      .where(eq(cases.id, customer?.caseId ?? 0))
      .get();
    expect(row?.firstResponseVia).toBe('outside');
  });

  it('lists the attachments of a message larger than it downloads, from BODYSTRUCTURE', async () => {
    w = await startEmailWorld();
    const big = Buffer.alloc(3 * 1024 * 1024, 7)
      .toString('base64')
      .replace(/(.{76})/g, '$1\r\n');
    const raw = [
      'From: "Jane Doe" <jane@example.com>',
      `To: ${BRAND}`,
      'Subject: Photos of the damage',
      'Date: Mon, 23 Nov 2026 09:58:00 +0000',
      'Message-ID: <big@example.com>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="xyz"',
      '',
      '--xyz',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'The parcel arrived crushed, photos attached.',
      '--xyz',
      'Content-Type: image/jpeg; name="damage.jpg"',
      'Content-Disposition: attachment; filename="damage.jpg"',
      'Content-Transfer-Encoding: base64',
      '',
      big,
      '--xyz',
      'Content-Type: application/pdf; name="receipt.pdf"',
      'Content-Disposition: attachment; filename="receipt.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('%PDF-1.4 tiny').toString('base64'),
      '--xyz--',
      '',
    ].join('\r\n');
    w.imap.deliver(raw, at(NOW));
    await w.started(w.adapter());
    await waitFor(() => expect(w.mentions()).toHaveLength(1));
    const text = w.mentions()[0]?.text ?? '';
    expect(text).toContain('The parcel arrived crushed, photos attached.');
    expect(text).toMatch(/📎 2 attachments \(not stored\): damage\.jpg \(3 MB\) · receipt\.pdf \(1\d B\)/);
    // Only the first 2 MiB were downloaded.
    expect(w.imap.commands.find((c) => c.includes('BODY.PEEK[]'))).toContain('<0.2097152>');
  });
});
