import { asc, eq } from 'drizzle-orm';
import { mentions, type MentionRow } from '../../db/schema/index.js';
import { createEmailAdapter, type EmailAdapter, type EmailAdapterDeps } from '../../adapters/email/index.js';
import { emailSettings, type EmailSettings } from '../../adapters/email/settings.js';
import { kvCursorStore } from '../../adapters/source-kit/kv-cursors.js';
import type { SourceSink } from '../../adapters/source-kit/types.js';
import { recordReposts } from '../../src/ingest/amplify.js';
import { ingestMentions } from '../../src/ingest/ingest.js';
import { createLogger } from '../../src/log.js';
import { Metrics } from '../../src/telemetry.js';
import { makeCore, type Core } from '../helpers/core.js';
import { ManualTimers } from '../twitter/manual-timers.js';
import { FakeImapServer } from './fake-imap/server.js';
import { FakeSmtp } from './fake-smtp.js';

/** Credentials with every character a URL or a protocol could mangle. */
export const IMAP_USER = 'support@acme.example';
export const IMAP_PASS = 'imap-SECRET p@ss:wörd/%';
export const SMTP_USER = 'mailer@acme.example';
export const SMTP_PASS = 'smtp-SECRET:p@ss/%';
export const INBOUND_SECRET = 'inbound-SECRET-0123456789abcdef';
export const BRAND = 'support@acme.example';

export interface LogLine {
  level: string;
  msg: string;
  [key: string]: unknown;
}

export interface EmailWorld {
  core: Core;
  imap: FakeImapServer;
  smtp: FakeSmtp;
  timers: ManualTimers;
  metrics: Metrics;
  logs: LogLine[];
  rawLogs: string[];
  settings: EmailSettings;
  sink: SourceSink;
  /** A new adapter on the same database and servers (a second one is a restart). */
  adapter(overrides?: Partial<EmailAdapterDeps>): EmailAdapter;
  /** Starts the adapter and lets its first connection attempt run. */
  started(adapter: EmailAdapter, sink?: SourceSink): Promise<EmailAdapter>;
  /** Mentions stored for the e-mail source, oldest first. */
  mentions(): MentionRow[];
  close(): Promise<void>;
}

function encode(value: string): string {
  return encodeURIComponent(value);
}

export async function startEmailWorld(options: { authPlain?: boolean; env?: Record<string, string> } = {}): Promise<EmailWorld> {
  const imap = new FakeImapServer({ user: IMAP_USER, pass: IMAP_PASS, authPlain: options.authPlain });
  const imapPort = await imap.listen();
  const smtp = new FakeSmtp({ user: SMTP_USER, pass: SMTP_PASS });
  const smtpPort = await smtp.listen();
  const core = makeCore();
  const timers = new ManualTimers(core.clock);
  const metrics = new Metrics();
  const logs: LogLine[] = [];
  const rawLogs: string[] = [];
  const env = {
    IMAP_URL: `imap://${encode(IMAP_USER)}:${encode(IMAP_PASS)}@127.0.0.1:${imapPort}/INBOX`,
    SMTP_URL: `smtp://${encode(SMTP_USER)}:${encode(SMTP_PASS)}@127.0.0.1:${smtpPort}`,
    EMAIL_FROM: `Acme Support <${BRAND}>`,
    EMAIL_INBOUND_SECRET: INBOUND_SECRET,
    ...options.env,
  };
  const parsed = emailSettings(env);
  if (!parsed.enabled) throw new Error(parsed.reason);
  const settings = parsed.settings;
  // The app's logger redacts the secret settings; the adapter must not depend on it, so this one redacts nothing.
  const logger = createLogger({
    level: 'debug',
    write: (line) => {
      rawLogs.push(line);
      logs.push(JSON.parse(line) as LogLine);
    },
  });
  const sink: SourceSink = {
    ingest: (batch) => ingestMentions(core.ingest, batch),
    amplify: (batch) => recordReposts({ db: core.handle.db, clock: core.clock }, batch),
  };
  const adapters: EmailAdapter[] = [];
  const world: EmailWorld = {
    core,
    imap,
    smtp,
    timers,
    metrics,
    logs,
    rawLogs,
    settings,
    sink,
    adapter(overrides = {}) {
      const adapter = createEmailAdapter({
        settings,
        clock: core.clock,
        logger,
        metrics,
        cursors: kvCursorStore(core.handle.db, 'email', core.clock),
        timers,
        random: () => 0.5,
        imapClientOptions: { connectionTimeout: 5_000, greetingTimeout: 5_000 },
        ...overrides,
      });
      adapters.push(adapter);
      return adapter;
    },
    async started(adapter, s = sink) {
      await adapter.start(s);
      timers.advance(0);
      return adapter;
    },
    mentions() {
      return core.handle.db.select().from(mentions).where(eq(mentions.source, 'email')).orderBy(asc(mentions.id)).all();
    },
    async close() {
      for (const a of adapters) await a.stop();
      await imap.close();
      await smtp.close();
      core.handle.close();
    },
  };
  return world;
}

/** A plain e-mail in RFC 5322 form. */
export function mail(fields: {
  id?: string | null;
  from?: string;
  to?: string;
  subject?: string;
  date?: string;
  inReplyTo?: string;
  references?: string;
  headers?: Record<string, string>;
  body?: string;
  contentType?: string;
}): string {
  const lines = [
    `From: ${fields.from ?? '"Jane Doe" <jane@example.com>'}`,
    `To: ${fields.to ?? BRAND}`,
    `Subject: ${fields.subject ?? 'My order has not arrived'}`,
    `Date: ${fields.date ?? 'Mon, 23 Nov 2026 09:58:00 +0000'}`,
    ...(fields.id === null ? [] : [`Message-ID: <${fields.id ?? 'm1@example.com'}>`]),
    ...(fields.inReplyTo ? [`In-Reply-To: <${fields.inReplyTo}>`] : []),
    ...(fields.references ? [`References: ${fields.references}`] : []),
    ...Object.entries(fields.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    'MIME-Version: 1.0',
    `Content-Type: ${fields.contentType ?? 'text/plain; charset=utf-8'}`,
    'Content-Transfer-Encoding: 8bit',
    '',
    fields.body ?? 'Hello, my order #4411 has not arrived after two weeks. Please help.',
  ];
  return lines.join('\r\n');
}
