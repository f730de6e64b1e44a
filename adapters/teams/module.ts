import { teamsAuthEndpoints } from '../../src/config/load.js';
import type { ChatAdapterModule } from '../../src/ports.js';
import type { BotCredentials } from './cloud-adapter.js';
import { createTeamsAdapter, type TeamsAdapter } from './index.js';

/** Why Teams is off, as the start-up log says it. */
export const TEAMS_NOT_CONFIGURED = 'Microsoft Teams is not configured: set TEAMS_APP_ID and TEAMS_APP_PASSWORD (see README, "Connect Teams").';

/** Microsoft Teams for the registry: on with the bot's app id and password (loadConfig requires both together). */
export const teamsModule = {
  id: 'teams',
  settings(env) {
    if (!env.TEAMS_APP_ID || !env.TEAMS_APP_PASSWORD) return { enabled: false, reason: TEAMS_NOT_CONFIGURED };
    return { enabled: true, settings: { appId: env.TEAMS_APP_ID, appPassword: env.TEAMS_APP_PASSWORD, tenantId: env.TEAMS_TENANT_ID, endpoints: teamsAuthEndpoints(env) } };
  },
  targets: (config) => config.file.teams,
  create: (deps) => createTeamsAdapter({ ...deps.settings, db: deps.db, clock: deps.clock, logger: deps.logger, listeners: deps.listeners, bodies: deps.bodies }),
} satisfies ChatAdapterModule<BotCredentials, TeamsAdapter>;
