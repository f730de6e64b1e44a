import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { Logger } from '../../src/log.js';
import { ClientCredentialsFactory } from './auth/client-credentials.js';
import { botFrameworkSettings, endpointsFor, type BotFrameworkEndpoints } from './auth/endpoints.js';
import type { ConnectorHttpClient } from './transport.js';

export interface BotCredentials {
  /** The Azure Bot's Microsoft App ID (TEAMS_APP_ID). */
  appId: string;
  appPassword: string;
  /** Set for a single-tenant bot (the only kind Azure creates now); absent = multi-tenant. */
  tenantId?: string;
  /**
   * TEAMS_AUTH_*: another Bot Framework to authenticate against (a loopback fake in tests, or a
   * proxy). Absent = Microsoft's public cloud.
   */
  endpoints?: BotFrameworkEndpoints;
}

export interface TeamsAuth {
  adapter: CloudAdapter;
  /**
   * Checks a request's Bot Framework token alone (signature, issuer, audience, expiry, the key's
   * endorsement for Teams), before its body is read. CloudAdapter checks it again, with the
   * activity's service URL, before the bot runs.
   */
  verifyToken(authorization: string): Promise<boolean>;
  /** The audience of the bot's own tokens (for conversations the bot creates). */
  oauthScope: string;
}

/**
 * botbuilder's CloudAdapter with Bot Framework authentication, always on: inbound requests must
 * carry a token the Bot Framework signed for our app id (issuer, audience, service URL, signing
 * key from its OpenID metadata), and every outbound call carries the bot's own token.
 */
export function createCloudAdapter(
  credentials: BotCredentials,
  httpClient: ConnectorHttpClient,
  logger: Logger,
  now: () => number,
): TeamsAuth {
  const { appId, appPassword, tenantId } = credentials;
  if (!appId) throw new Error('Teams needs TEAMS_APP_ID and TEAMS_APP_PASSWORD: without them Bot Framework authentication would be off');
  if (!appPassword) throw new Error('TEAMS_APP_PASSWORD is required when TEAMS_APP_ID is set');
  const endpoints = endpointsFor(tenantId, credentials.endpoints);
  const settings = botFrameworkSettings({ appId, tenantId }, endpoints, Boolean(credentials.endpoints));
  const tokens = new ClientCredentialsFactory({ appId, appPassword, loginUrl: endpoints.loginUrl, now });
  const auth = new ConfigurationBotFrameworkAuthentication(settings, tokens, undefined, undefined, { httpClient });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    // Handlers answer known problems themselves; this is for the unexpected, and must not leak.
    logger.error('unhandled error in a Teams turn', { err: error, activityType: context.activity.type, name: context.activity.name });
  };
  const verifyToken = async (authorization: string) => {
    try {
      // The header-only check botbuilder offers; the channel is Teams, the only one this bot serves.
      await auth.authenticateStreamingRequest(authorization, 'msteams');
      return true;
    } catch {
      return false;
    }
  };
  return { adapter, oauthScope: endpoints.oauthScope, verifyToken };
}
