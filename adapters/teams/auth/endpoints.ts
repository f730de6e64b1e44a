/**
 * Where Bot Framework authentication happens, for one cloud. Production uses Microsoft's public
 * cloud (the defaults below); the TEAMS_AUTH_* settings point all four somewhere else at once —
 * for tests against a loopback Bot Framework, or an authenticating proxy. botbuilder treats any
 * one of these settings as "the whole configuration is explicit", so they go together or not at
 * all (checked when the configuration is loaded).
 */
export interface BotFrameworkEndpoints {
  /** Inbound: the OpenID metadata document whose JWKS signs the Bot Framework's tokens. */
  openIdMetadataUrl: string;
  /** Inbound: the `iss` of the Bot Framework's tokens. */
  tokenIssuer: string;
  /** Outbound: the authority the bot gets its own token from (`<login url>/oauth2/v2.0/token`). */
  loginUrl: string;
  /** Outbound: the audience of the bot's token (the connector service). */
  oauthScope: string;
}

/** Microsoft's documented public-cloud values (botframework-connector's AuthenticationConstants). */
export const PUBLIC_CLOUD = {
  openIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
  tokenIssuer: 'https://api.botframework.com',
  loginUrlPrefix: 'https://login.microsoftonline.com/',
  /** The tenant a multi-tenant bot asks for its token. */
  multiTenantAuthority: 'botframework.com',
  oauthScope: 'https://api.botframework.com',
  emulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
  oauthUrl: 'https://api.botframework.com',
  callerId: 'urn:botframework:azure',
} as const;

/** The endpoints for a bot: explicit ones when given, else the public cloud for its tenant. */
export function endpointsFor(tenantId: string | undefined, explicit: BotFrameworkEndpoints | undefined): BotFrameworkEndpoints {
  if (explicit) return explicit;
  return {
    openIdMetadataUrl: PUBLIC_CLOUD.openIdMetadataUrl,
    tokenIssuer: PUBLIC_CLOUD.tokenIssuer,
    // A single-tenant bot must ask its own tenant; botframework.com serves multi-tenant bots only.
    loginUrl: `${PUBLIC_CLOUD.loginUrlPrefix}${tenantId ?? PUBLIC_CLOUD.multiTenantAuthority}`,
    oauthScope: PUBLIC_CLOUD.oauthScope,
  };
}

/**
 * The settings object botbuilder's ConfigurationBotFrameworkAuthentication reads. Every
 * endpoint is given explicitly, so production and tests take the same code path inside the SDK.
 */
export function botFrameworkSettings(
  app: { appId: string; tenantId?: string },
  endpoints: BotFrameworkEndpoints,
  custom: boolean,
): Record<string, string | boolean> {
  return {
    MicrosoftAppId: app.appId,
    MicrosoftAppType: app.tenantId ? 'SingleTenant' : 'MultiTenant',
    ...(app.tenantId ? { MicrosoftAppTenantId: app.tenantId } : {}),
    ValidateAuthority: true,
    ToBotFromChannelOpenIdMetadataUrl: endpoints.openIdMetadataUrl,
    ToBotFromChannelTokenIssuer: endpoints.tokenIssuer,
    ToChannelFromBotLoginUrl: endpoints.loginUrl,
    ToChannelFromBotOAuthScope: endpoints.oauthScope,
    // Emulator tokens are checked against their own metadata; with custom endpoints nothing may
    // reach Microsoft, so they are checked against the same (custom) keys.
    ToBotFromEmulatorOpenIdMetadataUrl: custom ? endpoints.openIdMetadataUrl : PUBLIC_CLOUD.emulatorOpenIdMetadataUrl,
    OAuthUrl: PUBLIC_CLOUD.oauthUrl,
    CallerId: PUBLIC_CLOUD.callerId,
  };
}
