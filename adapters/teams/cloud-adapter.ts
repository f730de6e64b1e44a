import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { Logger } from '../../src/log.js';
import type { ConnectorHttpClient } from './transport.js';

export interface BotCredentials {
  /** The Azure Bot's Microsoft App ID (TEAMS_APP_ID). */
  appId?: string;
  appPassword?: string;
  /** Set for a single-tenant bot (the only kind Azure creates now); absent = multi-tenant. */
  tenantId?: string;
  /**
   * Runs with Bot Framework authentication OFF: any caller can post activities. Only tests set
   * this, against a loopback connector; nothing in the environment can turn it on.
   */
  allowUnauthenticatedForTests?: boolean;
}

/**
 * botbuilder's CloudAdapter with Bot Framework authentication: inbound requests must carry a
 * token signed by the Bot Framework for our app id, outbound calls get one for it. Without an app
 * id the SDK silently accepts anyone, so that is refused unless a test asks for it explicitly.
 */
export function createCloudAdapter(credentials: BotCredentials, httpClient: ConnectorHttpClient, logger: Logger): CloudAdapter {
  const { appId, appPassword, tenantId } = credentials;
  if (!appId && !credentials.allowUnauthenticatedForTests) {
    throw new Error('Teams needs TEAMS_APP_ID and TEAMS_APP_PASSWORD: without them Bot Framework authentication would be off');
  }
  if (appId && !appPassword) throw new Error('TEAMS_APP_PASSWORD is required when TEAMS_APP_ID is set');
  const settings = appId
    ? {
        MicrosoftAppId: appId,
        MicrosoftAppPassword: appPassword,
        MicrosoftAppType: tenantId ? 'SingleTenant' : 'MultiTenant',
        ...(tenantId ? { MicrosoftAppTenantId: tenantId } : {}),
      }
    : {};
  const auth = new ConfigurationBotFrameworkAuthentication(settings, undefined, undefined, undefined, { httpClient });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    // Handlers answer known problems themselves; this is for the unexpected, and must not leak.
    logger.error('unhandled error in a Teams turn', { err: error, activityType: context.activity.type, name: context.activity.name });
  };
  return adapter;
}
