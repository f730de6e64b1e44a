import { z } from 'zod';
import { chatConfig, requiredTogether, type EnvValues } from '../../src/config/adapter-config.js';
import { chatTargetsSchema } from '../../src/config/file.js';

const optionalSecret = z.string().min(1, 'must not be empty when set').optional();
const optionalUrl = z.url({ message: 'must be an absolute URL, e.g. http://127.0.0.1:4000/api/' }).optional();

/** Teams' section: its default targets, and the organisations it serves. */
export const teamsSection = chatTargetsSchema.extend({
  /**
   * The Microsoft Entra tenant ids Klaxon serves besides TEAMS_TENANT_ID (required for a
   * multi-tenant bot, which has none): activities from any other organisation are refused
   * and its conversations are never routing targets.
   */
  tenants: z.array(z.string().trim().min(1)).default([]),
});

const env = {
  TEAMS_APP_ID: optionalSecret,
  TEAMS_APP_PASSWORD: optionalSecret,
  TEAMS_TENANT_ID: optionalSecret,
  /**
   * Test and proxy settings: another Bot Framework to authenticate Teams against (all four
   * together). Unset = Microsoft's public cloud, which is what production wants.
   */
  TEAMS_AUTH_OPENID_METADATA_URL: optionalUrl,
  TEAMS_AUTH_TOKEN_ISSUER: z.string().min(1, 'must not be empty when set').optional(),
  TEAMS_AUTH_LOGIN_URL: optionalUrl,
  TEAMS_AUTH_OAUTH_SCOPE: z.string().min(1, 'must not be empty when set').optional(),
};
type TeamsEnv = EnvValues<typeof env>;

const TEAMS_AUTH_KEYS = [
  'TEAMS_AUTH_OPENID_METADATA_URL',
  'TEAMS_AUTH_TOKEN_ISSUER',
  'TEAMS_AUTH_LOGIN_URL',
  'TEAMS_AUTH_OAUTH_SCOPE',
] as const;

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '[::1]' || /^127\./.test(host);
}

/**
 * The TEAMS_AUTH_* overrides replace every Bot Framework endpoint at once (botbuilder reads any
 * one of them as "all are explicit"), and keys and tokens may travel in clear only on loopback.
 */
function teamsAuthProblems(e: TeamsEnv): string[] {
  const set = TEAMS_AUTH_KEYS.filter((k) => e[k]);
  if (set.length === 0) return [];
  const problems = TEAMS_AUTH_KEYS.filter((k) => !e[k]).map(
    (k) => `${k} is required when ${set[0]} is set (the Bot Framework endpoints are overridden together)`,
  );
  if (!e.TEAMS_APP_ID) problems.push(`${set[0]} is set but Teams is not (set TEAMS_APP_ID and TEAMS_APP_PASSWORD)`);
  for (const key of ['TEAMS_AUTH_OPENID_METADATA_URL', 'TEAMS_AUTH_LOGIN_URL'] as const) {
    const url = e[key];
    if (url && !url.startsWith('https://') && !(url.startsWith('http://') && isLoopback(url)))
      problems.push(`${key} must be an https URL (http only on loopback, for tests)`);
  }
  return problems;
}

/** The Bot Framework endpoints from TEAMS_AUTH_*, when they are set (checked together at load). */
export function teamsAuthEndpoints(
  e: TeamsEnv,
): { openIdMetadataUrl: string; tokenIssuer: string; loginUrl: string; oauthScope: string } | undefined {
  if (!e.TEAMS_AUTH_OPENID_METADATA_URL || !e.TEAMS_AUTH_TOKEN_ISSUER || !e.TEAMS_AUTH_LOGIN_URL || !e.TEAMS_AUTH_OAUTH_SCOPE)
    return undefined;
  return {
    openIdMetadataUrl: e.TEAMS_AUTH_OPENID_METADATA_URL,
    tokenIssuer: e.TEAMS_AUTH_TOKEN_ISSUER,
    loginUrl: e.TEAMS_AUTH_LOGIN_URL,
    oauthScope: e.TEAMS_AUTH_OAUTH_SCOPE,
  };
}

/**
 * Teams' variables and its config-file section (`platforms.teams`, formerly the top-level `teams`):
 * a channel is named by its conversation id (`19:…@thread.tacv2`) or as `Team/Channel` (or just
 * `Channel`), as Klaxon learnt it when the app was added to the team.
 */
export const teamsConfig = chatConfig({
  env,
  secretEnv: ['TEAMS_APP_PASSWORD'],
  section: teamsSection,
  formerKey: 'teams',
  problems(e, file) {
    const problems = [...requiredTogether(e, 'TEAMS_APP_ID', 'TEAMS_APP_PASSWORD'), ...teamsAuthProblems(e)];
    if (file && e.TEAMS_APP_ID && !e.TEAMS_TENANT_ID && teamsSection.parse(file.platforms.teams).tenants.length === 0) {
      problems.push(
        'TEAMS_TENANT_ID is required when Teams is configured (or, for an older multi-tenant bot, list the tenant ids it serves ' +
          'in the config file as platforms.teams.tenants): activities from any other organisation are refused',
      );
    }
    return problems;
  },
  targets: (_e, section) => chatTargetsSchema.parse(section),
});
