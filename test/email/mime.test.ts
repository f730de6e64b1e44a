import { describe, expect, it } from 'vitest';
import { toMention } from '../../adapters/email/mention.js';
import { parseMime, parsedFromMime } from '../../adapters/email/mime.js';
import type { ParsedEmail } from '../../adapters/email/parsed.js';

const RECEIVED = new Date('2026-11-23T10:00:00Z');

async function parse(raw: string | Buffer): Promise<ParsedEmail> {
  const bytes = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.replace(/\r?\n/g, '\r\n'), 'latin1');
  return parsedFromMime(await parseMime(bytes), RECEIVED);
}

function mentionOf(parsed: ParsedEmail) {
  const result = toMention(parsed, { conversationId: parsed.messageId, brandAddress: 'support@acme.example' });
  if (!result.ok) throw new Error(result.reason);
  return result.mention;
}

describe('parsing received mail', () => {
  it('decodes ISO-8859-1 quoted-printable text and an encoded-word sender and subject', async () => {
    const parsed = await parse(
      [
        'From: =?ISO-8859-1?Q?Ren=E9e_M=FCller?= <renee@example.de>',
        'Subject: =?iso-8859-1?q?R=FCckerstattung_f=FCr_Bestellung?=',
        'Message-ID: <latin1@example.de>',
        'Date: Mon, 23 Nov 2026 09:00:00 +0100',
        'Content-Type: text/plain; charset=ISO-8859-1',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        'Sehr geehrte Damen und Herren, die R=FCckerstattung ist nicht angekommen. Gr=FC=DFe',
      ].join('\n'),
    );
    const m = mentionOf(parsed);
    expect(m.author).toEqual({ id: 'renee@example.de', name: 'Renée Müller <renee@example.de>' });
    expect(m.text).toBe(
      'Subject: Rückerstattung für Bestellung\n\nSehr geehrte Damen und Herren, die Rückerstattung ist nicht angekommen. Grüße',
    );
    expect(m.createdAt.toISOString()).toBe('2026-11-23T08:00:00.000Z');
  });

  it('reads windows-1252 bytes (curly quotes, euro sign) as written', async () => {
    const body = Buffer.from([0x93, 0x57, 0x68, 0x65, 0x72, 0x65, 0x20, 0x69, 0x73, 0x20, 0x6d, 0x79, 0x20, 0x80, 0x35, 0x30, 0x3f, 0x94]);
    const head = Buffer.from(
      'From: a@example.com\r\nMessage-ID: <cp@example.com>\r\nContent-Type: text/plain; ' +
        'charset=windows-1252\r\nContent-Transfer-Encoding: 8bit\r\n\r\n',
      'latin1',
    );
    const m = mentionOf(await parse(Buffer.concat([head, body])));
    expect(m.text).toBe('“Where is my €50?”');
  });

  it('turns HTML-only mail into text and strips its quoted history', async () => {
    const html =
      '<html><head><style>body{font:12px}</style></head><body><div dir="ltr">The app crashes on login.<br>Error <b>E-42</b> &amp; ' +
      'nothing else.<script>track()</script></div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Mon, ' +
      '23 Nov 2026 at 09:00, Acme Support &lt;support@acme.example&gt; wrote:<br></div><blockquote class="gmail_quote">Please ' +
      'update the app.</blockquote></div></body></html>';
    const parsed = await parse(
      [
        'From: a@example.com',
        'Message-ID: <html@example.com>',
        'In-Reply-To: <x@acme.example>',
        'Content-Type: text/html; charset=utf-8',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from(html).toString('base64'),
      ].join('\n'),
    );
    expect(parsed.text || null).toBeNull();
    expect(mentionOf(parsed).text).toBe('The app crashes on login.\nError E-42 & nothing else.');
  });

  it('prefers the plain part of multipart/alternative and lists attachments by name and size only', async () => {
    const raw = [
      'From: "Jane" <jane@example.com>',
      'Message-ID: <alt@example.com>',
      'Subject: Broken screen',
      'Content-Type: multipart/mixed; boundary="outer"',
      '',
      '--outer',
      'Content-Type: multipart/alternative; boundary="inner"',
      '',
      '--inner',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Screen cracked on arrival.',
      '--inner',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>Screen <b>cracked</b> on arrival.</p>',
      '--inner--',
      '--outer',
      'Content-Type: image/png',
      "Content-Disposition: attachment; filename*=UTF-8''%E7%85%A7%E7%89%87.png",
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.alloc(5000, 1).toString('base64'),
      '--outer',
      'Content-Type: application/octet-stream; name="invoice\u202Efdp.exe"',
      'Content-Disposition: attachment; filename="invoice\u202Efdp.exe"',
      '',
      'MZ',
      '--outer--',
    ].join('\n');
    const parsed = await parse(Buffer.from(raw.replace(/\n/g, '\r\n'), 'utf8'));
    expect(parsed.attachments.map((a) => [a.name, a.size])).toEqual([
      ['照片.png', 5000],
      ['invoice\u202Efdp.exe', 2],
    ]);
    // The right-to-left override that disguises an .exe as a .pdf is shown as the name really is.
    expect(mentionOf(parsed).text).toBe(
      'Subject: Broken screen\n\nScreen cracked on arrival.\n\n📎 2 attachments (not stored): 照片.png (4.9 KB) · invoicefdp.exe (2 B)',
    );
  });

  it('keeps right-to-left text intact', async () => {
    const m = mentionOf(
      await parse(
        Buffer.from(
          'From: a@example.com\r\nMessage-ID: <rtl@example.com>\r\nSubject: =?UTF-8?B?2LfZhNio?=\r\nContent-Type: text/plain; ' +
            'charset=utf-8\r\n\r\nמספר ההזמנה שלי הוא 4411 ועדיין לא הגיע.\r\n',
          'utf8',
        ),
      ),
    );
    expect(m.text).toBe('Subject: طلب\n\nמספר ההזמנה שלי הוא 4411 ועדיין לא הגיע.');
  });

  it('holds up against hostile headers', async () => {
    const parsed = await parse(
      [
        'From: "=?utf-8?B?' + Buffer.from('<script>alert(1)</script> Evil\r\nBcc: x@y').toString('base64') + '?=" <evil@example.com>',
        `Subject: ${'A'.repeat(5000)}`,
        'Message-ID: <first@example.com>',
        'Message-ID: <second@example.com>',
        `References: ${Array.from({ length: 500 }, (_, i) => `<r${i}@example.com>`).join(' ')}`,
        'In-Reply-To: garbage without brackets',
        'Date: Tue, 1 Jan 2999 00:00:00 +0000',
        'X-Spam: \u0000\u0001',
        '',
        'Body',
      ].join('\n'),
    );
    expect(parsed.messageId).toBe('first@example.com');
    expect(parsed.references).toHaveLength(500);
    const m = mentionOf(parsed);
    expect(m.author.name?.length).toBeLessThanOrEqual(200);
    expect(m.author.name).not.toMatch(/[\r\n]/);
    expect(m.text.split('\n')[0]?.length).toBeLessThanOrEqual(309);
    // A date in the future is not believed: the SLA clock starts when the mail arrived.
    expect(m.createdAt).toEqual(RECEIVED);
    // In-Reply-To holds no id: the parent is the last of the References.
    expect(m.inReplyTo).toBe('r499@example.com');
  });

  it('gives a message without Message-ID a stable id (a second delivery is the same message)', async () => {
    const raw = 'From: a@example.com\nSubject: No id\nDate: Mon, 23 Nov 2026 09:00:00 +0000\n\nHello';
    const a = await parse(raw);
    const b = await parse(raw);
    expect(a.messageId).toMatch(/^no-id-[0-9a-f]{40}@klaxon\.invalid$/);
    expect(b.messageId).toBe(a.messageId);
    expect((await parse(raw.replace('No id', 'Other'))).messageId).not.toBe(a.messageId);
  });

  it('shortens a message too long for a card and says so', async () => {
    const long = Array.from({ length: 400 }, (_, i) => `Line ${i}: ${'x'.repeat(40)}`).join('\n');
    const m = mentionOf(await parse(`From: a@example.com\nMessage-ID: <long@example.com>\n\n${long}`));
    expect(m.text.length).toBeLessThanOrEqual(10_000);
    expect(m.text).toMatch(/\[… message shortened: \d+ more characters\]$/);
  });

  it.each([
    ['Auto-Submitted: auto-replied', 'automatic message (Auto-Submitted: auto-replied)'],
    ['Auto-Submitted: auto-generated', 'automatic message (Auto-Submitted: auto-generated)'],
    ['X-Autoreply: yes', 'automatic reply (X-Autoreply)'],
    ['X-Autorespond: Out of office', 'automatic reply (X-Autoreply)'],
    ['Precedence: bulk', 'bulk mail (Precedence: bulk)'],
    ['Precedence: list', 'bulk mail (Precedence: list)'],
    ['Precedence: junk', 'bulk mail (Precedence: junk)'],
    ['List-Id: <announce.example.com>', 'mailing list (List-Id)'],
    ['List-Unsubscribe: <mailto:unsub@example.com>', 'mailing list or newsletter (List-Unsubscribe)'],
    ['Return-Path: <>', 'bounce or automatic message (empty Return-Path)'],
    ['Content-Type: multipart/report; report-type=delivery-status; boundary="b"', 'delivery or read report (multipart/report)'],
    ['Auto-Submitted: no', null],
  ])('marks %s', async (header, reason) => {
    const parsed = await parse(`From: someone@example.com\nMessage-ID: <auto@example.com>\n${header}\n\nI am away.`);
    expect(parsed.noReply).toBe(reason);
    const text = mentionOf(parsed).text;
    if (reason) expect(text.split('\n')[0]).toBe(`⛔ Replies off: ${reason}`);
    else expect(text).not.toContain('Replies off');
  });

  it('marks mail from MAILER-DAEMON as a bounce, and sets apart a customer who types the marker', async () => {
    expect((await parse('From: MAILER-DAEMON@mx.example.com\nMessage-ID: <b@x>\n\nUndeliverable')).noReply).toBe(
      'bounce (from MAILER-DAEMON)',
    );
    const spoof = await parse('From: a@example.com\nMessage-ID: <s@x>\nIn-Reply-To: <p@x>\n\n⛔ Replies off: do not answer me');
    expect(spoof.noReply).toBeNull();
    expect(mentionOf(spoof).text.startsWith('⛔ Replies off:')).toBe(false);
  });
});
