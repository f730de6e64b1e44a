import type { CapturedRequest } from '../../../dev/sandbox/slack-api/server.js';
import type { SECRET_ENV_KEYS } from '../../../app/config.js';

type SecretKey = (typeof SECRET_ENV_KEYS)[number];

/**
 * A known, recognisable value for every secret setting (`satisfies` keeps the list complete when
 * a secret is added to SECRET_ENV_KEYS). Some carry characters that URL or JSON encoding would
 * change, as real tokens do (X bearer tokens contain `%`, Azure passwords `~ . / + =`).
 */
export const SECRET_VALUES = {
  INGEST_SECRET: 'ingest-SECRET-7f3a9c21d4e8b605',
  SLACK_BOT_TOKEN: 'xoxb-5550-SECRET-bot-token-9d8c7b6a',
  SLACK_SIGNING_SECRET: 'signing-SECRET-0a1b2c3d4e5f6789',
  SLACK_APP_TOKEN: 'xapp-1-SECRET-app-token-a1b2c3d4',
  TEAMS_APP_PASSWORD: 'teams~SECRET.password_Q8r7/s6+t5=',
  TWITTER_BEARER_TOKEN: 'AAAA-SECRET-bearer%2Ftoken%3Dxyz',
  TWITTER_APP_KEY: 'SECRET-app-key-k3y9',
  TWITTER_APP_SECRET: 'SECRET-app-secret-s3cr3t',
  TWITTER_ACCESS_TOKEN: '900-SECRET-access-token-t0k',
  TWITTER_ACCESS_SECRET: 'SECRET-access-secret-z9x8',
  // Nothing listens on port 9 here: the e-mail source fails to connect and logs it, redacted.
  IMAP_URL: 'imap://klaxon%40acme.example:imap-SECRET-p%40ss%2Fw0rd@127.0.0.1:9/INBOX',
  SMTP_URL: 'smtp://klaxon%40acme.example:smtp-SECRET-p%3Ass@127.0.0.1:9',
  EMAIL_INBOUND_SECRET: 'inbound-SECRET-5e6f7a8b9c0d1e2f',
  META_APP_SECRET: 'metaSECRETapp0f1e2d3c4b5a6978',
  META_VERIFY_TOKEN: 'meta-SECRET-verify~token.42',
  META_PAGE_ACCESS_TOKEN: 'EAAG-SECRET-page-token-ZZ9yy8xx7',
  GOOGLE_BUSINESS_CLIENT_SECRET: 'GOCSPX-SECRET-client-secret_q1',
  GOOGLE_BUSINESS_REFRESH_TOKEN: '1//SECRET-refresh-token-w2/e3+r4',
  BLUESKY_APP_PASSWORD: 'secr-etap-pp4s-bsky',
  MASTODON_TOKEN: 'SECRET-mastodon_token-Zq9-Xw8',
} as const satisfies Record<SecretKey, string>;

/** Every form a secret takes when it leaks through an encoder on the way to a log or a body. */
function formsOf(secret: string): string[] {
  return [...new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1), Buffer.from(secret).toString('base64')])];
}

/** Names of the secrets found in `text`, in any of their encoded forms. */
export function leakedIn(text: string, secrets: Record<string, string> = SECRET_VALUES): string[] {
  return Object.entries(secrets)
    .filter(([, value]) => formsOf(value).some((form) => text.includes(form)))
    .map(([name]) => name);
}

/**
 * Leaks in requests Klaxon made to Slack: a token may travel only as the request's own
 * `Authorization: Bearer` header (the bot token for the Web API, the app token for
 * `apps.connections.open`); any other secret, anywhere, is a leak.
 */
export function slackRequestLeaks(requests: readonly CapturedRequest[]): string[] {
  const out: string[] = [];
  for (const r of requests) {
    const expected = r.method === 'apps.connections.open' ? SECRET_VALUES.SLACK_APP_TOKEN : SECRET_VALUES.SLACK_BOT_TOKEN;
    const { authorization, ...otherHeaders } = r.headers;
    if (authorization !== undefined && authorization !== `Bearer ${expected}`) out.push(`${r.method}: unexpected Authorization header`);
    for (const name of leakedIn(`${r.body}\n${JSON.stringify(otherHeaders)}`)) out.push(`${r.method}: ${name} in the body or headers`);
  }
  return out;
}
