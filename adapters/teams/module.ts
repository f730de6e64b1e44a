import { envOf } from '../../src/config/adapter-config.js';
import type { ChatAdapterModule } from '../../src/adapter-modules.js';
import type { BotCredentials } from './cloud-adapter.js';
import { createTeamsAdapter, type TeamsAdapter } from './index.js';
import { teamsAuthEndpoints, teamsConfig, teamsSection } from './config.js';

/** Why Teams is off, as the start-up log says it. */
export const TEAMS_NOT_CONFIGURED =
  'Microsoft Teams is not configured: set TEAMS_APP_ID and TEAMS_APP_PASSWORD (see README, "Connect Teams").';

export interface TeamsSettings extends BotCredentials {
  /** The organisations served besides TEAMS_TENANT_ID (config `platforms.teams.tenants`). */
  tenants: readonly string[];
  /** Every Teams channel the config names, checked at start for a name that fits several conversations. */
  routingTargets: readonly string[];
}

/** Microsoft Teams for the registry: on with the bot's app id and password (loadConfig requires both together). */
export const teamsModule = {
  id: 'teams',
  settings(all, config) {
    const env = envOf(teamsConfig, all);
    if (!env.TEAMS_APP_ID || !env.TEAMS_APP_PASSWORD) return { enabled: false, reason: TEAMS_NOT_CONFIGURED };
    const { triage, escalation, digest, tenants } = teamsSection.parse(config.file.platforms.teams);
    const routingTargets = [triage, escalation, digest, ...config.file.routing.map((r) => r.teams)].filter((t): t is string => Boolean(t));
    return {
      enabled: true,
      settings: {
        appId: env.TEAMS_APP_ID,
        appPassword: env.TEAMS_APP_PASSWORD,
        tenantId: env.TEAMS_TENANT_ID,
        endpoints: teamsAuthEndpoints(env),
        tenants,
        routingTargets,
      },
    };
  },
  targets: (config) => config.targets.teams,
  create: (deps) =>
    createTeamsAdapter({
      ...deps.settings,
      db: deps.db,
      clock: deps.clock,
      logger: deps.logger,
      listeners: deps.listeners,
      bodies: deps.bodies,
    }),
} satisfies ChatAdapterModule<TeamsSettings, TeamsAdapter>;
