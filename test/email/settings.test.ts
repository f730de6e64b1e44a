import { describe, expect, it } from 'vitest';
import { emailSettings, type EmailSettings } from '../../adapters/email/settings.js';
import { makeRedactor } from '../../adapters/source-kit/redact.js';
import { secretValues } from '../../app/config.js';
import { ConfigError } from '../../src/config/load.js';
import { makeConfig } from '../helpers/config.js';

function settings(env: Record<string, string>): EmailSettings {
  const result = emailSettings(env);
  if (!result.enabled) throw new Error(result.reason);
  return result.settings;
}

function problems(env: Record<string, string>): string[] {
  try {
    emailSettings(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('e-mail settings', () => {
  it('is off, with how to turn it on, when nothing is set (empty values count as unset)', () => {
    expect(emailSettings({ IMAP_URL: ' ', SMTP_URL: '' })).toEqual({
      enabled: false,
      reason: expect.stringMatching(/set IMAP_URL .* EMAIL_INBOUND_SECRET/),
    });
  });

  it('reads imaps:// with URL-encoded credentials, the default port and the mailbox', () => {
    const s = settings({
      IMAP_URL: 'imaps://support%40acme.example:p%40ss%3Aw%2Frd%25@imap.example.com/Support%2FInbound',
      EMAIL_INBOUND_SECRET: 'x'.repeat(16),
    });
    expect(s.imap).toEqual({
      host: 'imap.example.com',
      port: 993,
      secure: true,
      requireStartTls: undefined,
      auth: { user: 'support@acme.example', pass: 'p@ss:w/rd%' },
      mailbox: 'Support/Inbound',
    });
    expect(s.smtp).toBeNull();
    expect(s.inboundSecret).toBe('x'.repeat(16));
  });

  it('requires STARTTLS for a password sent to another machine over imap:// or smtp://, not on loopback', () => {
    expect(settings({ IMAP_URL: 'imap://u:p@imap.example.com' }).imap).toMatchObject({
      port: 143,
      secure: false,
      requireStartTls: true,
      mailbox: 'INBOX',
    });
    expect(settings({ IMAP_URL: 'imap://u:p@127.0.0.1:1143' }).imap).toMatchObject({ port: 1143, requireStartTls: undefined });
    const s = settings({
      IMAP_URL: 'imaps://u:p@imap.example.com',
      SMTP_URL: 'smtp://relay.example.com:25',
      EMAIL_FROM: 'help@acme.example',
    });
    // An open relay on the local network without a password: STARTTLS when offered.
    expect(s.smtp).toEqual({ host: 'relay.example.com', port: 25, secure: false, requireStartTls: undefined, auth: null });
    expect(
      settings({ IMAP_URL: 'imaps://u:p@i.example.com', SMTP_URL: 'smtp://u:p@smtp.example.com', EMAIL_FROM: 'a@acme.example' }).smtp,
    ).toMatchObject({ port: 587, requireStartTls: true });
    expect(
      settings({ IMAP_URL: 'imaps://u:p@i.example.com', SMTP_URL: 'smtps://u:p@smtp.example.com', EMAIL_FROM: 'a@acme.example' }).smtp,
    ).toMatchObject({ port: 465, secure: true, requireStartTls: undefined });
  });

  it('takes EMAIL_FROM with a name, or the SMTP user when it is an address', () => {
    expect(
      settings({
        IMAP_URL: 'imaps://u:p@i.example.com',
        SMTP_URL: 'smtps://u:p@s.example.com',
        EMAIL_FROM: '"Acme Support" <support@acme.example>',
      }).from,
    ).toEqual({ address: 'support@acme.example', name: 'Acme Support' });
    expect(settings({ IMAP_URL: 'imaps://u:p@i.example.com', SMTP_URL: 'smtps://help%40acme.example:p@s.example.com' }).from).toEqual({
      address: 'help@acme.example',
      name: null,
    });
  });

  it('names every problem on its own line and never echoes a password', () => {
    const lines = problems({
      IMAP_URL: 'imaps://user:hunter2@',
      SMTP_URL: 'ftp://u:hunter3@x.example.com',
      EMAIL_FROM: 'not an address',
      EMAIL_INBOUND_SECRET: 'has spaces in it but long enough',
    });
    expect(lines).toEqual([
      expect.stringMatching(/^EMAIL_INBOUND_SECRET must be 16–256 characters of A–Z/),
      expect.stringMatching(/^IMAP_URL is not a URL/),
      expect.stringMatching(/^SMTP_URL must start with smtps:\/\/ \(TLS\) or smtp:\/\/ \(STARTTLS\)/),
      expect.stringMatching(/^EMAIL_FROM must be one e-mail address/),
    ]);
    expect(lines.join('\n')).not.toMatch(/hunter/);
    expect(problems({ IMAP_URL: 'imaps://imap.example.com' })).toEqual([
      expect.stringMatching(/^IMAP_URL must carry the mailbox user and password/),
    ]);
    expect(problems({ IMAP_URL: 'imaps://user@imap.example.com' })).toEqual([
      expect.stringMatching(/^IMAP_URL must carry both a user and a password/),
    ]);
    expect(problems({ IMAP_URL: 'imaps://u:%E0%A4%A@imap.example.com' })).toEqual([
      expect.stringMatching(/^IMAP_URL has a badly URL-encoded user or password/),
    ]);
    expect(problems({ SMTP_URL: 'smtps://relay.example.com' })).toEqual([
      'EMAIL_FROM is required when SMTP_URL is set (the SMTP user is not an e-mail address to send from)',
      'IMAP_URL or EMAIL_INBOUND_SECRET is required when SMTP_URL or EMAIL_FROM is set: Klaxon needs a way to receive e-mail',
    ]);
    expect(problems({ EMAIL_FROM: 'a@acme.example', EMAIL_INBOUND_SECRET: 'y'.repeat(20) })).toEqual([
      'SMTP_URL is required when EMAIL_FROM is set: replies are sent through it',
    ]);
  });

  it('hands the passwords, in every form they travel in, to the redactors', () => {
    const s = settings({
      IMAP_URL: 'imaps://u:p%40ss%2Fword@i.example.com',
      SMTP_URL: 'smtps://u:s%3Amtp-pw@s.example.com',
      EMAIL_FROM: 'a@acme.example',
      EMAIL_INBOUND_SECRET: 'inbound-secret-0123456789',
    });
    expect(s.secrets).toEqual(expect.arrayContaining(['p@ss/word', 'p%40ss%2Fword', 's:mtp-pw', 'inbound-secret-0123456789']));
    const redact = makeRedactor(s.secrets);
    expect(
      redact('login p@ss/word failed; url imaps://u:p%40ss%2Fword@i.example.com; b64 ' + Buffer.from('s:mtp-pw').toString('base64')),
    ).toBe('login [redacted] failed; url [redacted]; b64 [redacted]');
    // The app's own logger redacts the same values.
    const config = makeConfig({ IMAP_URL: 'imaps://u:p%40ss%2Fword@i.example.com', EMAIL_INBOUND_SECRET: 'inbound-secret-0123456789' });
    expect(secretValues(config.env)).toEqual(
      expect.arrayContaining(['imaps://u:p%40ss%2Fword@i.example.com', 'p%40ss%2Fword', 'p@ss/word', 'inbound-secret-0123456789']),
    );
  });
});
