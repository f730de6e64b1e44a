import { createServer } from 'node:http';
import { vi } from 'vitest';
import type { EmailAdapter } from '../../adapters/email/index.js';
import { capturedLines } from '../sources/logs.js';
import { memoryWorld } from '../sources/world-kit.js';
import { IMAP_PASS, INBOUND_SECRET, mail, SMTP_PASS, startEmailWorld, type EmailWorld } from '../email/world.js';
import { sourceContract, type SourceWorld } from './source.contract.js';

const CUSTOMER = 'jane@example.com';

/** The text part of a message as nodemailer writes it (quoted-printable, soft line breaks). */
function bodyOf(raw: string): string {
  const body = raw.slice(raw.indexOf('\r\n\r\n') + 4);
  const joined = body.replace(/=\r\n/g, '');
  return Buffer.from(
    joined.replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');
}

/** What the e-mail source shares whichever way mail comes in: replies by SMTP, the server's refusals. */
function emailWorld(w: EmailWorld, parts: Pick<SourceWorld, 'adapter' | 'settle' | 'customerWrites' | 'customerFollowsUp'>): SourceWorld {
  return memoryWorld({
    core: w.core,
    logs: capturedLines(w.rawLogs),
    metrics: w.metrics,
    secrets: [IMAP_PASS, encodeURIComponent(IMAP_PASS), SMTP_PASS, encodeURIComponent(SMTP_PASS), INBOUND_SECRET],
    hasPublicReply: false,
    // SMTP says only "try again later" (451), with no time: the outbox backs off by itself.
    writeLimit: 'later',
    ...parts,
    publicReplies: () => [],
    privateMessages: () => w.smtp.received.map((m) => bodyOf(m.raw)),
    refuseNextReply: () => w.smtp.unknown.add(CUSTOMER),
    rateLimitNextWrite: () => w.smtp.busy.add(CUSTOMER),
    liftRateLimit: () => w.smtp.busy.delete(CUSTOMER),
    close: () => w.close(),
  });
}

let seq = 0;
const message = (w: EmailWorld, text: string, previous?: string) => {
  const id = `contract-${++seq}@example.com`;
  const date = w.core.clock.now().toUTCString();
  const thread = previous
    ? { inReplyTo: previous, references: `<${previous}>`, subject: 'Re: Help needed' }
    : { subject: `Help needed ${seq}` };
  return { id, raw: mail({ id, from: `"Jane Doe" <${CUSTOMER}>`, date, body: text, ...thread }) };
};

/** IMAP (IDLE, UID cursor) in, SMTP out, against the loopback IMAP and SMTP servers. */
sourceContract('e-mail (IMAP and SMTP)', async () => {
  const w = await startEmailWorld();
  let delivered = 0;
  return emailWorld(w, {
    adapter: () => w.adapter(),
    settle: async (adapter) => {
      const email = adapter as EmailAdapter;
      w.timers.advance(0);
      await vi.waitFor(() => {
        if (w.imap.idling < 1 || w.mentions().length < delivered) throw new Error('the mailbox is not read yet');
      });
      await email.imap?.settled();
    },
    customerWrites: async (text) => {
      const m = message(w, text);
      w.imap.deliver(m.raw, w.core.clock.now());
      delivered += 1;
      return m.id;
    },
    customerFollowsUp: async (previous, text) => {
      const m = message(w, text, previous);
      w.imap.deliver(m.raw, w.core.clock.now());
      delivered += 1;
      return m.id;
    },
  });
});

/**
 * POST /ingest/email (SendGrid Inbound Parse's raw form) in, SMTP out. The provider delivers
 * again until it is answered 200, as Postmark and SendGrid do.
 */
sourceContract('e-mail (POST /ingest/email)', async () => {
  const w = await startEmailWorld({ env: { IMAP_URL: '' } });
  let current: EmailAdapter | null = null;
  const server = createServer((req, res) => {
    const route = current?.routes[0];
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    void route.handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/ingest/email/${INBOUND_SECRET}`;
  /** Messages the provider still has to deliver (not yet answered 200). */
  const pending: string[] = [];
  const post = async (raw: string): Promise<boolean> => {
    const boundary = 'contract-boundary';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="email"\r\n\r\n${raw}\r\n--${boundary}--\r\n`;
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body });
    await res.arrayBuffer();
    return res.status === 200;
  };
  const send = async (raw: string) => {
    if (!(await post(raw))) pending.push(raw);
  };
  const world = emailWorld(w, {
    adapter: () => {
      current = w.adapter();
      return current;
    },
    settle: async () => {
      for (const raw of pending.splice(0)) await send(raw);
    },
    customerWrites: async (text) => {
      const m = message(w, text);
      await send(m.raw);
      return m.id;
    },
    customerFollowsUp: async (previous, text) => {
      const m = message(w, text, previous);
      await send(m.raw);
      return m.id;
    },
  });
  return {
    ...world,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await world.close();
    },
  };
});
