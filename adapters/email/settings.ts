import { z } from 'zod';
import addressparser from 'nodemailer/lib/addressparser';
import { ConfigError } from '../../src/config/load.js';
import type { SourceSettings } from '../source-kit/types.js';

/** One end of a mail connection, parsed from IMAP_URL or SMTP_URL. */
export interface MailServer {
  host: string;
  port: number;
  /** Implicit TLS from the first byte (imaps://, smtps://). */
  secure: boolean;
  /**
   * With a plain URL (imap://, smtp://): `true` = STARTTLS must succeed before credentials are
   * sent; `undefined` = upgrade when the server offers it (imapflow's and nodemailer's default).
   */
  requireStartTls: boolean | undefined;
  auth: { user: string; pass: string } | null;
}

export interface ImapSettings extends MailServer {
  auth: { user: string; pass: string };
  /** The mailbox to listen to (the URL's path; INBOX by default). */
  mailbox: string;
}

export interface EmailSettings {
  imap: ImapSettings | null;
  smtp: MailServer | null;
  /** Who replies come from (EMAIL_FROM, else the SMTP user when it is an address). */
  from: { address: string; name: string | null } | null;
  /** EMAIL_INBOUND_SECRET: enables POST /ingest/email. */
  inboundSecret: string | null;
  /** Every value that must never reach a log line or an error: passwords, the URLs, the secret. */
  secrets: string[];
  /** On the very first start (no cursor yet), messages received this far back are imported. */
  firstSyncHours: number;
  /** Messages fetched per IMAP round trip while catching up. */
  fetchBatch: number;
  /** Bytes of a message downloaded over IMAP; larger ones are read up to here (attachments come from BODYSTRUCTURE). */
  maxDownloadBytes: number;
}

const URL_SAFE_SECRET = /^[A-Za-z0-9._~-]{16,256}$/;
const ADDRESS = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;

const envSchema = z.object({
  IMAP_URL: z.string().optional(),
  SMTP_URL: z.string().optional(),
  EMAIL_FROM: z.string().optional(),
  EMAIL_INBOUND_SECRET: z
    .string()
    .regex(
      URL_SAFE_SECRET,
      'must be 16–256 characters of A–Z, a–z, 0–9, ".", "_", "~" or "-" (it is used as a basic-auth password and as a URL path segment)',
    )
    .optional(),
});

function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Never echoes the value: a mail URL carries a password. */
function parseServerUrl(
  name: string,
  raw: string,
  schemes: { secure: string; plain: string; securePort: number; plainPort: number },
  problems: string[],
): (MailServer & { path: string }) | null {
  const example = `${schemes.secure}//user:password@mail.example.com:${schemes.securePort}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    problems.push(`${name} is not a URL: write it as ${example} (user and password URL-encoded, e.g. @ as %40)`);
    return null;
  }
  if (url.protocol !== schemes.secure && url.protocol !== schemes.plain) {
    problems.push(`${name} must start with ${schemes.secure}// (TLS) or ${schemes.plain}// (STARTTLS), e.g. ${example}`);
    return null;
  }
  const host = url.hostname;
  if (!host) {
    problems.push(`${name} has no host: write it as ${example}`);
    return null;
  }
  let user: string;
  let pass: string;
  try {
    user = decodeURIComponent(url.username);
    pass = decodeURIComponent(url.password);
  } catch {
    problems.push(`${name} has a badly URL-encoded user or password (encode @ as %40, : as %3A, / as %2F, % as %25)`);
    return null;
  }
  const secure = url.protocol === schemes.secure;
  const auth = user || pass ? { user, pass } : null;
  if (auth && (!auth.user || !auth.pass)) {
    problems.push(`${name} must carry both a user and a password (user:password@host), or neither`);
    return null;
  }
  // A password must never cross the network in clear text: over a plain URL to another machine
  // STARTTLS is required, not merely attempted (an attacker could strip the STARTTLS offer).
  const requireStartTls = !secure && auth !== null && !isLoopbackHost(host) ? true : undefined;
  const port = url.port ? Number(url.port) : secure ? schemes.securePort : schemes.plainPort;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname.replace(/^\//, ''));
  } catch {
    problems.push(`${name} has a badly URL-encoded mailbox name`);
    return null;
  }
  return { host: host.replace(/^\[|\]$/g, ''), port, secure, requireStartTls, auth, path };
}

function parseFrom(raw: string, problems: string[]): EmailSettings['from'] {
  const [first, ...rest] = addressparser(raw, { flatten: true });
  if (!first || rest.length > 0 || !ADDRESS.test(first.address)) {
    problems.push('EMAIL_FROM must be one e-mail address, e.g. "Acme Support <support@acme.example>" or support@acme.example');
    return null;
  }
  return { address: first.address, name: first.name.trim() || null };
}

/** The URL's password in the forms it can leak in (as written, and decoded). */
function urlSecrets(raw: string | undefined): string[] {
  if (!raw) return [];
  const out = [raw];
  try {
    const password = new URL(raw).password;
    if (password) out.push(password, decodeURIComponent(password));
  } catch {
    // An unparsable URL is reported by its name only; the raw value is still redacted.
  }
  return out;
}

/**
 * Reads the e-mail settings (docs/CONTRACT.md §9: IMAP_URL, SMTP_URL, EMAIL_FROM, EMAIL_INBOUND_SECRET).
 * Off, with the reason, when none of them is set; a bad value throws ConfigError with one line
 * per problem, naming the variable and never its value (the URLs carry passwords).
 */
/** Why e-mail is off, as the start-up log says it. */
export const EMAIL_NOT_CONFIGURED =
  'E-mail is not configured: set IMAP_URL (and SMTP_URL, EMAIL_FROM to reply), or EMAIL_INBOUND_SECRET ' +
  'to take mail from Postmark or SendGrid at POST /ingest/email (see README, "Connect e-mail").';

export function emailSettings(
  env: NodeJS.ProcessEnv | Record<string, string | undefined>,
  _config?: unknown,
): SourceSettings<EmailSettings> {
  const trimmed = Object.fromEntries(
    (['IMAP_URL', 'SMTP_URL', 'EMAIL_FROM', 'EMAIL_INBOUND_SECRET'] as const).map((k) => [k, env[k]?.trim() ? env[k]?.trim() : undefined]),
  );
  const parsed = envSchema.safeParse(trimmed);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issue.path.join('.')} ${issue.message}`);
  }
  // Every problem is collected before failing: the URLs are checked even when the secret is bad.
  const e = parsed.success ? parsed.data : { ...(trimmed as z.infer<typeof envSchema>), EMAIL_INBOUND_SECRET: undefined };
  const inboundSet = Boolean(trimmed.EMAIL_INBOUND_SECRET);
  if (!e.IMAP_URL && !inboundSet && !e.SMTP_URL && !e.EMAIL_FROM) {
    return { enabled: false, reason: EMAIL_NOT_CONFIGURED };
  }

  let imap: ImapSettings | null = null;
  if (e.IMAP_URL) {
    const server = parseServerUrl('IMAP_URL', e.IMAP_URL, { secure: 'imaps:', plain: 'imap:', securePort: 993, plainPort: 143 }, problems);
    if (server && !server.auth)
      problems.push('IMAP_URL must carry the mailbox user and password: imaps://user:password@imap.example.com:993/INBOX');
    else if (server?.auth) {
      const { path, ...rest } = server;
      imap = { ...rest, auth: server.auth, mailbox: path.split(';')[0] || 'INBOX' };
    }
  }
  let smtp: MailServer | null = null;
  if (e.SMTP_URL) {
    const server = parseServerUrl('SMTP_URL', e.SMTP_URL, { secure: 'smtps:', plain: 'smtp:', securePort: 465, plainPort: 587 }, problems);
    if (server) {
      const { path: _path, ...rest } = server;
      smtp = rest;
    }
  }
  let from: EmailSettings['from'] = null;
  if (e.EMAIL_FROM) from = parseFrom(e.EMAIL_FROM, problems);
  else if (smtp?.auth && ADDRESS.test(smtp.auth.user)) from = { address: smtp.auth.user, name: null };
  if (e.SMTP_URL && !e.EMAIL_FROM && !from && problems.length === 0)
    problems.push('EMAIL_FROM is required when SMTP_URL is set (the SMTP user is not an e-mail address to send from)');
  if (e.EMAIL_FROM && !e.SMTP_URL) problems.push('SMTP_URL is required when EMAIL_FROM is set: replies are sent through it');
  if (!e.IMAP_URL && !inboundSet)
    problems.push('IMAP_URL or EMAIL_INBOUND_SECRET is required when SMTP_URL or EMAIL_FROM is set: Klaxon needs a way to receive e-mail');
  if (problems.length > 0) throw new ConfigError(problems);

  const secrets = [...urlSecrets(e.IMAP_URL), ...urlSecrets(e.SMTP_URL), ...(e.EMAIL_INBOUND_SECRET ? [e.EMAIL_INBOUND_SECRET] : [])];
  return {
    enabled: true,
    settings: {
      imap,
      smtp,
      from,
      inboundSecret: e.EMAIL_INBOUND_SECRET ?? null,
      secrets: [...new Set(secrets.filter((s) => s.length > 0))],
      firstSyncHours: 24,
      fetchBatch: 20,
      maxDownloadBytes: 2 * 1024 * 1024,
    },
  };
}
