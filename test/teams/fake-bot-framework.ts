import { createPublicKey, generateKeyPairSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback Bot Framework, the identity half of it: the OpenID metadata and JWKS whose key signs
 * the tokens on activities sent to the bot (as `login.botframework.com` serves them, the key
 * endorsed for `msteams`), and the OAuth 2.0 token endpoint the bot asks for its own token
 * (as `login.microsoftonline.com/<tenant>` answers the client-credentials grant). Tokens are
 * RS256 JWTs with the claims the real services put in them. The fake connector checks the bot's
 * token with `verifyBotToken`.
 */

export const BOT_APP = {
  id: '6f7b2c1e-93a4-4d0e-8f1a-0c5d9e2b7a11',
  password: 'fake-bot-framework-client-secret~0123',
  tenant: '8a1c3e5f-2b4d-4f6a-9c8e-7d6b5a4f3e21',
} as const;

/** The issuer of tokens on activities from the real Bot Framework (and of this fake's, by default). */
export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

interface KeyPair {
  privateKey: KeyObject;
  publicJwk: { n: string; e: string };
}

function newKey(): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' }) as { n: string; e: string };
  return { privateKey, publicJwk: { n: jwk.n, e: jwk.e } };
}

// RSA key generation costs CPU: one pair per test process, shared by every fake (kids differ).
let shared: { channel: KeyPair; entra: KeyPair; attacker: KeyPair } | null = null;
function keys() {
  shared ??= { channel: newKey(), entra: newKey(), attacker: newKey() };
  return shared;
}

const b64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

export function signJwt(header: Record<string, unknown>, claims: Record<string, unknown>, key: KeyObject): string {
  const input = `${b64url({ typ: 'JWT', alg: 'RS256', ...header })}.${b64url(claims)}`;
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

function decodeJwt(
  token: string,
): { header: Record<string, unknown>; claims: Record<string, unknown>; input: string; signature: Buffer } | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    return {
      header: JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8')) as Record<string, unknown>,
      claims: JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Record<string, unknown>,
      input: `${parts[0]}.${parts[1]}`,
      signature: Buffer.from(parts[2]!, 'base64url'),
    };
  } catch {
    return null;
  }
}

export interface ActivityTokenOptions {
  /** Claims to change or add (`aud`, `iss`, `exp`, `serviceurl` …); `undefined` removes one. */
  claims?: Record<string, unknown>;
  /** Sign with a key the Bot Framework never published (a forgery). */
  forged?: boolean;
  /** The `kid` in the header (default: the published key's). */
  kid?: string;
}

export class FakeBotFramework {
  readonly appId: string;
  readonly appPassword: string;
  readonly tenant: string;
  readonly issuer: string;
  /** The audience the bot asks its own token for (unique per fake: botbuilder caches tokens by app and scope). */
  readonly oauthScope: string;
  readonly kid = `fake-bf-${randomBytes(6).toString('hex')}`;
  readonly #entraKid = `fake-entra-${randomBytes(6).toString('hex')}`;
  /** A random path prefix: botbuilder caches OpenID metadata by URL for a day, per process. */
  readonly #prefix = `/bf-${randomBytes(6).toString('hex')}`;
  /** Every token request, and what was answered. */
  readonly tokenRequests: { tenant: string; clientId: string | null; scope: string | null; status: number }[] = [];
  /** Tokens handed to the bot. */
  readonly issuedTokens = new Set<string>();
  metadataRequests = 0;
  #server = createServer((req, res) => void this.#handle(req, res));
  url = '';

  /** A multi-tenant bot asks the `botframework.com` authority for its token, and has no tenant of its own. */
  readonly multiTenant: boolean;

  constructor(options: { appId?: string; appPassword?: string; tenant?: string; issuer?: string; multiTenant?: boolean } = {}) {
    this.appId = options.appId ?? BOT_APP.id;
    this.appPassword = options.appPassword ?? BOT_APP.password;
    this.multiTenant = options.multiTenant ?? false;
    this.tenant = this.multiTenant ? 'botframework.com' : (options.tenant ?? BOT_APP.tenant);
    this.issuer = options.issuer ?? BOT_FRAMEWORK_ISSUER;
    this.oauthScope = `https://api.botframework.test/${randomBytes(4).toString('hex')}`;
    keys();
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this.url;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }

  /** The TEAMS_* settings that point a Klaxon at this Bot Framework. */
  env(): Record<string, string> {
    return {
      TEAMS_APP_ID: this.appId,
      TEAMS_APP_PASSWORD: this.appPassword,
      ...(this.multiTenant ? {} : { TEAMS_TENANT_ID: this.tenant }),
      TEAMS_AUTH_OPENID_METADATA_URL: `${this.url}${this.#prefix}/v1/.well-known/openidconfiguration`,
      TEAMS_AUTH_TOKEN_ISSUER: this.issuer,
      TEAMS_AUTH_LOGIN_URL: `${this.url}/${this.tenant}`,
      TEAMS_AUTH_OAUTH_SCOPE: this.oauthScope,
    };
  }

  /** The same, as the Teams adapter's config takes it. */
  credentials() {
    const env = this.env();
    return {
      appId: this.appId,
      appPassword: this.appPassword,
      ...(this.multiTenant ? {} : { tenantId: this.tenant }),
      endpoints: {
        openIdMetadataUrl: env.TEAMS_AUTH_OPENID_METADATA_URL!,
        tokenIssuer: this.issuer,
        loginUrl: env.TEAMS_AUTH_LOGIN_URL!,
        oauthScope: this.oauthScope,
      },
    };
  }

  /**
   * The `Authorization` header the Bot Framework puts on an activity it sends to the bot: an
   * RS256 JWT from its published key, issued by it, for the bot's app id, naming the service URL
   * the bot must answer to, valid for an hour.
   */
  authorization(activity: { serviceUrl?: string }, options: ActivityTokenOptions = {}): string {
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = {
      iss: this.issuer,
      aud: this.appId,
      serviceurl: activity.serviceUrl,
      nbf: now - 60,
      iat: now - 60,
      exp: now + 3600,
      ...options.claims,
    };
    for (const [k, v] of Object.entries(claims)) if (v === undefined) delete claims[k];
    const key = options.forged ? keys().attacker.privateKey : keys().channel.privateKey;
    return `Bearer ${signJwt({ kid: options.kid ?? this.kid, x5t: this.kid }, claims, key)}`;
  }

  /**
   * What the connector checks on every call from the bot: a token this fake's token endpoint
   * issued — signed by its key, for the connector's audience, for this app, not expired. Returns
   * why it is refused, or null.
   */
  verifyBotToken(header: string | undefined): string | null {
    if (!header?.startsWith('Bearer ')) return 'no bearer token';
    const jwt = decodeJwt(header.slice('Bearer '.length));
    if (!jwt) return 'not a JWT';
    if (jwt.header.alg !== 'RS256' || jwt.header.kid !== this.#entraKid) return 'unknown signing key';
    const publicKey = createPublicKey({ key: { kty: 'RSA', ...keys().entra.publicJwk }, format: 'jwk' });
    if (!verify('sha256', Buffer.from(jwt.input), publicKey, jwt.signature)) return 'bad signature';
    const c = jwt.claims;
    if (c.aud !== this.oauthScope) return `wrong audience ${String(c.aud)}`;
    if (c.appid !== this.appId) return 'token of another app';
    if (typeof c.exp !== 'number' || c.exp * 1000 < Date.now()) return 'expired';
    return null;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && path === `${this.#prefix}/v1/.well-known/openidconfiguration`) {
      this.metadataRequests += 1;
      return send(200, {
        issuer: this.issuer,
        authorization_endpoint: `${this.url}${this.#prefix}/v1/authorize`,
        jwks_uri: `${this.url}${this.#prefix}/v1/.well-known/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
      });
    }
    if (req.method === 'GET' && path === `${this.#prefix}/v1/.well-known/keys`) {
      return send(200, {
        keys: [{ kty: 'RSA', use: 'sig', kid: this.kid, x5t: this.kid, ...keys().channel.publicJwk, endorsements: ['msteams', 'webchat'] }],
      });
    }
    const token = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(path);
    if (req.method === 'POST' && token) return this.#token(decodeURIComponent(token[1]!), Buffer.concat(chunks).toString('utf8'), send);
    send(404, { error: 'not_found', error_description: `${req.method} ${path}` });
  }

  /** The client-credentials grant, refused as Microsoft Entra ID refuses it. */
  #token(tenant: string, raw: string, send: (status: number, body: unknown) => void): void {
    const form = new URLSearchParams(raw);
    const clientId = form.get('client_id');
    const scope = form.get('scope');
    const answer = (status: number, body: unknown) => {
      this.tokenRequests.push({ tenant, clientId, scope, status });
      send(status, body);
    };
    if (tenant !== this.tenant)
      return answer(400, { error: 'invalid_request', error_description: `AADSTS90002: Tenant '${tenant}' not found.` });
    if (form.get('grant_type') !== 'client_credentials')
      return answer(400, {
        error: 'unsupported_grant_type',
        error_description: 'AADSTS70003: The app requested an unsupported grant type.',
      });
    if (clientId !== this.appId || form.get('client_secret') !== this.appPassword)
      return answer(401, { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' });
    if (scope !== `${this.oauthScope}/.default`)
      return answer(400, { error: 'invalid_scope', error_description: `AADSTS70011: The provided value for scope ${scope} is not valid.` });
    const now = Math.floor(Date.now() / 1000);
    const accessToken = signJwt(
      { kid: this.#entraKid, x5t: this.#entraKid },
      {
        aud: this.oauthScope,
        iss: `https://sts.windows.net/${tenant}/`,
        iat: now,
        nbf: now,
        exp: now + 3600,
        appid: this.appId,
        appidacr: '1',
        tid: tenant,
        ver: '1.0',
      },
      keys().entra.privateKey,
    );
    this.issuedTokens.add(accessToken);
    answer(200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: accessToken });
  }
}
