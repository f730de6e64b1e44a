import type { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { z } from 'zod';

/** botbuilder's ServiceClientCredentialsFactory, as ConfigurationBotFrameworkAuthentication takes it. */
export type CredentialsFactory = NonNullable<ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[1]>;
type Credentials = Awaited<ReturnType<CredentialsFactory['createCredentials']>>;
type WebResourceLike = Parameters<Credentials['signRequest']>[0];

/** A token is renewed this long before it expires, so a call never leaves with one about to lapse. */
const RENEW_BEFORE_MS = 5 * 60_000;
const TOKEN_TIMEOUT_MS = 15_000;

const tokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.coerce.number().int().positive(),
});

const tokenError = z.object({ error: z.string(), error_description: z.string().optional() });

export interface ClientCredentialsOptions {
  appId: string;
  appPassword: string;
  /** The authority: `https://login.microsoftonline.com/<tenant>` (or the TEAMS_AUTH_LOGIN_URL override). */
  loginUrl: string;
  now: () => number;
  fetch?: typeof fetch;
}

/** Why the bot has no token to call Teams with; the message never carries the secret. */
export class BotTokenError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BotTokenError';
  }
}

/**
 * The bot's own token for calling the Bot Framework connector: the OAuth 2.0 client-credentials
 * grant Microsoft documents for bots ("Authentication with the Bot Connector API": POST
 * `<authority>/oauth2/v2.0/token` with the app id, its secret and the scope `<audience>/.default`).
 * Klaxon asks for it itself rather than through MSAL so that the authority is a plain setting:
 * MSAL insists on https and asks login.microsoftonline.com to approve any other authority, which
 * would keep the outbound half of authentication out of every test.
 */
export class ClientCredentialsFactory implements CredentialsFactory {
  readonly #o: ClientCredentialsOptions;
  readonly #cache = new Map<string, { token: string; renewAt: number }>();
  readonly #pending = new Map<string, Promise<string>>();

  constructor(options: ClientCredentialsOptions) {
    this.#o = options;
  }

  async isValidAppId(appId: string): Promise<boolean> {
    return appId === this.#o.appId;
  }

  /** Never: Klaxon does not run Teams without authentication. */
  async isAuthenticationDisabled(): Promise<boolean> {
    return false;
  }

  async createCredentials(appId: string, audience: string | undefined): Promise<Credentials> {
    if (appId !== this.#o.appId) throw new BotTokenError(`the Bot Framework asked for a token of another app (${appId})`);
    const scope = audience || 'https://api.botframework.com';
    return {
      signRequest: async (request: WebResourceLike) => {
        request.headers.set('authorization', `Bearer ${await this.token(scope)}`);
        return request;
      },
    };
  }

  /** A token for `scope`: the cached one while it is fresh, else one new request (shared by concurrent callers). */
  async token(scope: string): Promise<string> {
    const cached = this.#cache.get(scope);
    if (cached && cached.renewAt > this.#o.now()) return cached.token;
    let pending = this.#pending.get(scope);
    if (!pending) {
      pending = this.#request(scope).finally(() => this.#pending.delete(scope));
      this.#pending.set(scope, pending);
    }
    return pending;
  }

  async #request(scope: string): Promise<string> {
    const url = `${this.#o.loginUrl.replace(/\/+$/, '')}/oauth2/v2.0/token`;
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: this.#o.appId,
      client_secret: this.#o.appPassword,
      scope: scope.endsWith('/.default') ? scope : `${scope.replace(/\/+$/, '')}/.default`,
    });
    let res: Response;
    try {
      res = await (this.#o.fetch ?? fetch)(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
        signal: AbortSignal.timeout(TOKEN_TIMEOUT_MS),
      });
    } catch (error) {
      throw new BotTokenError(`the bot's token endpoint (${url}) could not be reached`, { cause: error });
    }
    const text = await res.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      // Reported below with the status.
    }
    if (!res.ok) {
      const refusal = tokenError.safeParse(json);
      const why = refusal.success
        ? `${refusal.data.error}${refusal.data.error_description ? `: ${refusal.data.error_description.split('\n')[0]}` : ''}`
        : `HTTP ${res.status}`;
      throw new BotTokenError(`the bot's token request was refused (${why}); check TEAMS_APP_ID, TEAMS_APP_PASSWORD and TEAMS_TENANT_ID`);
    }
    const parsed = tokenResponse.safeParse(json);
    if (!parsed.success) throw new BotTokenError(`the bot's token endpoint answered without a usable token (HTTP ${res.status})`);
    const now = this.#o.now();
    const lifetime = parsed.data.expires_in * 1000;
    this.#cache.set(scope, { token: parsed.data.access_token, renewAt: now + Math.max(lifetime / 2, lifetime - RENEW_BEFORE_MS) });
    return parsed.data.access_token;
  }
}
