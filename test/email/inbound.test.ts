import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EmailAdapter } from '../../adapters/email/index.js';
import { createHttpServer } from '../../src/http/server.js';
import { BRAND, INBOUND_SECRET, startEmailWorld, type EmailWorld } from './world.js';

/**
 * POST /ingest/email with the two providers' real formats: Postmark's inbound JSON and SendGrid's
 * Inbound Parse multipart/form-data (parsed fields, and the raw MIME mode).
 */
let w: EmailWorld;
let adapter: EmailAdapter;
let base: string;
let close: () => Promise<void>;

beforeEach(async () => {
  w = await startEmailWorld({ env: { IMAP_URL: '' } });
  adapter = w.adapter();
  const server = createHttpServer(adapter.routes, silent());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise((resolve) => server.close(() => resolve()));
  await adapter.start(w.sink);
});
afterEach(async () => {
  await close();
  await w.close();
});

function silent() {
  return { debug() {}, info() {}, warn() {}, error() {}, child: () => silent() };
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
}

/** A raw HTTP request, so bodies can be streams and headers exactly what a provider sends. */
function post(path: string, headers: Record<string, string>, body: Buffer | Readable | string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: res.headers });
      });
    });
    req.on('error', reject);
    if (body instanceof Readable) {
      body.on('error', () => req.destroy());
      body.pipe(req);
    } else req.end(body);
  });
}

const basic = (password: string) => `Basic ${Buffer.from(`postmark:${password}`).toString('base64')}`;

function postmark(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    FromName: 'Jane Doe',
    MessageStream: 'inbound',
    From: 'jane@example.com',
    FromFull: { Email: 'jane@example.com', Name: 'Jane Doe', MailboxHash: '' },
    To: `"Acme Support" <${BRAND}>`,
    ToFull: [{ Email: BRAND, Name: 'Acme Support', MailboxHash: '' }],
    Cc: '',
    CcFull: [],
    Bcc: '',
    BccFull: [],
    OriginalRecipient: BRAND,
    Subject: 'Charged twice',
    MessageID: '73e6d360-66eb-11e1-8e72-a8904824019b',
    ReplyTo: '',
    MailboxHash: '',
    Date: 'Mon, 23 Nov 2026 09:55:00 +0000',
    TextBody: 'You charged my card twice for order 4411.\n\nSent from my iPhone',
    HtmlBody: '<p>You charged my card twice for order 4411.</p>',
    StrippedTextReply: '',
    Tag: '',
    Headers: [
      { Name: 'X-Spam-Status', Value: 'No' },
      { Name: 'Message-ID', Value: '<pm-1@mail.example.com>' },
    ],
    Attachments: [
      {
        Name: 'statement.pdf',
        Content: Buffer.from('%PDF-1.7 statement').toString('base64'),
        ContentType: 'application/pdf',
        ContentLength: 18,
      },
    ],
    ...overrides,
  };
}

/** A multipart/form-data body as SendGrid's Inbound Parse writes it. */
function multipart(boundary: string, parts: { name: string; value: Buffer | string; filename?: string; type?: string }[]): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n`));
    chunks.push(Buffer.isBuffer(p.value) ? p.value : Buffer.from(p.value, 'utf8'));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

const SENDGRID_HEADERS = [
  'Received: by mx0047p1mdw1.sendgrid.net with SMTP id 6WCVv7KAWn Mon, 23 Nov 2026 09:57:00 +0000 (UTC)',
  'From: =?iso-8859-1?q?Ren=E9e?= <renee@example.fr>',
  'To: support@acme.example',
  'Subject: =?iso-8859-1?q?Colis_ab=EEm=E9?=',
  'Message-ID: <sg-1@example.fr>',
  'Date: Mon, 23 Nov 2026 09:56:00 +0000',
  'Content-Type: multipart/mixed; boundary="abc"',
].join('\n');

describe('POST /ingest/email', () => {
  it('takes a Postmark delivery (basic auth), keeps attachment names and sizes, drops their content', async () => {
    const answer = await post(
      '/ingest/email',
      { 'content-type': 'application/json', authorization: basic(INBOUND_SECRET) },
      JSON.stringify(postmark()),
    );
    expect(answer).toMatchObject({ status: 200, body: { accepted: 1, duplicates: 0 } });
    const [m] = w.mentions();
    expect(m).toMatchObject({
      externalId: 'pm-1@mail.example.com',
      isPrivate: true,
      authorId: 'jane@example.com',
      authorName: 'Jane Doe <jane@example.com>',
    });
    expect(m?.text).toBe(
      'Subject: Charged twice\n\nYou charged my card twice for order 4411.\n\n📎 Attachment (not stored): statement.pdf (18 B)',
    );
    expect(m?.text).not.toContain('PDF-1.7');

    // Postmark retries a delivery it is not sure about: the same Message-ID is a duplicate, not a second case.
    const replay = await post(
      '/ingest/email',
      { 'content-type': 'application/json', authorization: basic(INBOUND_SECRET) },
      JSON.stringify(postmark()),
    );
    expect(replay).toMatchObject({ status: 200, body: { accepted: 0, duplicates: 1 } });
    expect(w.mentions()).toHaveLength(1);
  });

  it('takes a SendGrid Inbound Parse delivery (secret in the path), in its charsets, with attachment files counted', async () => {
    const latin1 = (s: string) => Buffer.from(s, 'latin1');
    const body = multipart('xYzZY', [
      { name: 'headers', value: SENDGRID_HEADERS },
      { name: 'dkim', value: '{@example.fr : pass}' },
      { name: 'to', value: 'support@acme.example' },
      { name: 'from', value: latin1('Renée <renee@example.fr>') },
      { name: 'subject', value: latin1('Colis abîmé') },
      {
        name: 'text',
        value: latin1('Le colis est arrivé abîmé.\n\nLe lun. 23 nov. 2026, Acme <support@acme.example> a écrit :\n> Bonjour'),
      },
      { name: 'html', value: latin1('<p>Le colis est arrivé abîmé.</p>') },
      { name: 'sender_ip', value: '192.0.2.7' },
      { name: 'envelope', value: '{"to":["support@acme.example"],"from":"renee@example.fr"}' },
      { name: 'attachments', value: '2' },
      {
        name: 'attachment-info',
        value: JSON.stringify({
          attachment1: { filename: 'photo 1.jpg', name: 'photo 1.jpg', type: 'image/jpeg' },
          attachment2: { filename: 'bon.pdf', type: 'application/pdf' },
        }),
      },
      { name: 'charsets', value: '{"to":"UTF-8","html":"iso-8859-1","subject":"iso-8859-1","from":"iso-8859-1","text":"iso-8859-1"}' },
      { name: 'SPF', value: 'pass' },
      { name: 'attachment1', filename: 'photo 1.jpg', type: 'image/jpeg', value: Buffer.alloc(150_000, 3) },
      { name: 'attachment2', filename: 'bon.pdf', type: 'application/pdf', value: Buffer.alloc(2_048, 4) },
    ]);
    const answer = await post(`/ingest/email/${INBOUND_SECRET}`, { 'content-type': 'multipart/form-data; boundary=xYzZY' }, body);
    expect(answer).toMatchObject({ status: 200, body: { accepted: 1 } });
    const [m] = w.mentions();
    expect(m).toMatchObject({ externalId: 'sg-1@example.fr', authorId: 'renee@example.fr', authorName: 'Renée <renee@example.fr>' });
    expect(m?.text).toBe(
      'Subject: Colis abîmé\n\nLe colis est arrivé abîmé.\n\n📎 2 attachments (not stored): photo 1.jpg (146 KB) · bon.pdf (2 KB)',
    );
  });

  it('takes SendGrid\'s raw mode (the whole MIME message in "email") and sees a bounce in the envelope', async () => {
    const mime = [
      'From: Customer <c@example.com>',
      'Message-ID: <raw-1@example.com>',
      'Subject: Raw',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Sent raw.',
    ].join('\r\n');
    const body = multipart('b0undary', [
      { name: 'envelope', value: '{"to":["support@acme.example"],"from":""}' },
      { name: 'email', value: mime },
    ]);
    const answer = await post(`/ingest/email/${INBOUND_SECRET}`, { 'content-type': 'multipart/form-data; boundary=b0undary' }, body);
    expect(answer).toMatchObject({ status: 200, body: { accepted: 1 } });
    expect(w.mentions()[0]?.text).toBe('⛔ Replies off: bounce or automatic message (empty Return-Path)\nSubject: Raw\n\nSent raw.');
  });

  it('refuses missing or wrong credentials with 401 before reading the body', async () => {
    const json = { 'content-type': 'application/json' };
    expect((await post('/ingest/email', json, '{}')).status).toBe(401);
    expect((await post('/ingest/email', { ...json, authorization: basic('wrong-secret-0000000000') }, '{}')).status).toBe(401);
    expect((await post('/ingest/email/wrong-secret-0000000000', json, '{}')).status).toBe(401);
    const refused = await post('/ingest/email', json, '{}');
    expect(refused.headers['www-authenticate']).toBe('Basic realm="klaxon-email"');
    // A caller that announces 20 MB and sends almost nothing still gets its 401 at once.
    const stalled = new Readable({ read() {} });
    stalled.push('{"From":');
    const early = await post('/ingest/email', { ...json, 'content-length': String(20 * 1024 * 1024) }, stalled);
    expect(early.status).toBe(401);
    stalled.destroy();
    expect(w.mentions()).toHaveLength(0);
  });

  it("answers 415 for another content type, 400 for a body that is not a provider's format", async () => {
    const auth = { authorization: basic(INBOUND_SECRET) };
    const wrongType = await post('/ingest/email', { ...auth, 'content-type': 'text/plain' }, 'hello');
    expect(wrongType.status).toBe(415);
    expect(wrongType.body.error).toMatch(/application\/json \(Postmark.*multipart\/form-data \(SendGrid/);
    const broken = await post('/ingest/email', { ...auth, 'content-type': 'application/json' }, '{"From": ');
    expect(broken).toMatchObject({ status: 400, body: { error: expect.stringMatching(/not valid JSON/) } });
    const other = await post(
      '/ingest/email',
      { ...auth, 'content-type': 'application/json' },
      JSON.stringify({ id: '1', text: 'a mention, not an e-mail' }),
    );
    expect(other).toMatchObject({ status: 400, body: { error: expect.stringMatching(/not a Postmark inbound message/) } });
    const typed = await post(
      '/ingest/email',
      { ...auth, 'content-type': 'application/json' },
      JSON.stringify(postmark({ Headers: 'not a list' })),
    );
    expect(typed).toMatchObject({ status: 400, body: { error: expect.stringMatching(/Headers/) } });
    const noBoundary = await post('/ingest/email', { ...auth, 'content-type': 'multipart/form-data' }, 'x');
    expect(noBoundary.status).toBe(400);
    const noFields = await post(
      '/ingest/email',
      { ...auth, 'content-type': 'multipart/form-data; boundary=q' },
      multipart('q', [{ name: 'hello', value: 'world' }]),
    );
    expect(noFields).toMatchObject({ status: 400, body: { error: expect.stringMatching(/not a SendGrid Inbound Parse delivery/) } });
    expect(w.mentions()).toHaveLength(0);
  });

  it('answers 503 until the source has started', async () => {
    await adapter.stop();
    const answer = await post(
      '/ingest/email',
      { 'content-type': 'application/json', authorization: basic(INBOUND_SECRET) },
      JSON.stringify(postmark()),
    );
    expect(answer.status).toBe(503);
    expect(answer.headers['retry-after']).toBe('5');
  });
});

describe('POST /ingest/email with 30 MB', () => {
  const MB = 1024 * 1024;

  /** A SendGrid delivery of `attachmentBytes`, generated chunk by chunk: never whole in memory. */
  function streamedSendGrid(attachmentBytes: number, onMark?: (fraction: number) => void): { stream: Readable; length: number } {
    const boundary = 'big-boundary';
    const head = multipart(boundary, [
      { name: 'headers', value: 'Message-ID: <big-1@example.com>\nFrom: big@example.com\nSubject: Video of the fault' },
      { name: 'from', value: 'Big Sender <big@example.com>' },
      { name: 'subject', value: 'Video of the fault' },
      { name: 'text', value: 'The video shows the fault.' },
    ]).subarray(0, -`--${boundary}--\r\n`.length);
    const fileHead = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="attachment1"; filename="fault.mp4"\r\nContent-Type: video/mp4\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    let stage = 0;
    const stream = new Readable({
      read() {
        if (stage === 0) {
          stage = 1;
          this.push(Buffer.concat([head, fileHead]));
          return;
        }
        if (sent < attachmentBytes) {
          const n = Math.min(chunk.length, attachmentBytes - sent);
          for (const mark of [0.25, 0.5, 0.75]) {
            if (sent < attachmentBytes * mark && sent + n >= attachmentBytes * mark) onMark?.(mark);
          }
          sent += n;
          this.push(n === chunk.length ? chunk : chunk.subarray(0, n));
          return;
        }
        if (stage === 1) {
          stage = 2;
          this.push(tail);
          return;
        }
        this.push(null);
      },
    });
    return { stream, length: head.length + fileHead.length + attachmentBytes + tail.length };
  }

  it('streams a 29 MB SendGrid delivery: the attachment is counted and dropped, memory stays flat', async () => {
    // Live memory, garbage collected first: what the server holds, not what it has already dropped.
    v8.setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const live = () => {
      gc();
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };
    const attachment = 29 * MB;
    const before = live();
    const samples: number[] = [];
    const { stream, length } = streamedSendGrid(attachment, () => {
      samples.push(live() - before);
    });
    const answer = await post(
      `/ingest/email/${INBOUND_SECRET}`,
      { 'content-type': 'multipart/form-data; boundary=big-boundary', 'content-length': String(length) },
      stream,
    );
    expect(answer).toMatchObject({ status: 200, body: { accepted: 1 } });
    expect(w.mentions()[0]?.text).toBe(
      'Subject: Video of the fault\n\nThe video shows the fault.\n\n📎 Attachment (not stored): fault.mp4 (29 MB)',
    );
    // Sampled at a quarter, half and three quarters of the upload: a server that buffered would
    // hold 7, 14.5 and 21.75 MB. Streaming holds a few chunks, with an occasional transient
    // socket buffer of several MB that is gone by the next sample (seen on a loaded machine).
    expect(samples).toHaveLength(3);
    expect(Math.min(...samples)).toBeLessThan(4 * MB);
    expect(Math.max(...samples)).toBeLessThan(16 * MB);
  });

  it('streams a Postmark delivery with a large base64 attachment, dropping its content as it arrives', async () => {
    const content = 'QUFB'.repeat((20 * MB) / 4);
    const json = JSON.stringify(postmark({ Attachments: [{ Name: 'scan.tif', ContentType: 'image/tiff', Content: content }] }));
    const answer = await post(
      '/ingest/email',
      { 'content-type': 'application/json', authorization: basic(INBOUND_SECRET) },
      Readable.from([Buffer.from(json)], { objectMode: false }),
    );
    expect(answer).toMatchObject({ status: 200, body: { accepted: 1 } });
    expect(w.mentions()[0]?.text).toContain('📎 Attachment (not stored): scan.tif (15 MB)');
  });

  it('answers 413 to more than 30 MB, announced or not', async () => {
    const auth = { authorization: basic(INBOUND_SECRET) };
    const announced = await post(
      '/ingest/email',
      { ...auth, 'content-type': 'multipart/form-data; boundary=big-boundary', 'content-length': String(31 * MB) },
      Readable.from([Buffer.from('x')]),
    );
    expect(announced.status).toBe(413);
    // Chunked, no length: stopped once 30 MB have come.
    // Text itself (not attachments) beyond what a card could ever show.
    const wordy = await post(
      '/ingest/email',
      { ...auth, 'content-type': 'application/json' },
      JSON.stringify(postmark({ TextBody: 'a'.repeat(9 * MB) })),
    );
    expect(wordy).toMatchObject({ status: 413, body: { error: expect.stringMatching(/text and HTML bodies may be 8 MB at most/) } });
    const { stream } = streamedSendGrid(31 * MB);
    const chunked = await post(
      `/ingest/email/${INBOUND_SECRET}`,
      { 'content-type': 'multipart/form-data; boundary=big-boundary', 'transfer-encoding': 'chunked' },
      stream,
    );
    expect(chunked).toMatchObject({ status: 413, body: { error: expect.stringMatching(/larger than 30 MB/) } });
    expect(w.mentions()).toHaveLength(0);
  });
});
