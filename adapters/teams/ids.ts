import type { Actor } from '../../src/cases/events.js';

/**
 * Opaque ids that cross into the core. A message is `teams:<conversation id>:<activity id>`, each
 * part URI-encoded because Teams ids carry colons (`19:abc@thread.tacv2`, `a:1xyz`). A person is
 * `teams:<AAD object id>` (or their Teams user id `29:…` when Teams gives no AAD id). Only this
 * adapter parses them.
 */
export function activityRef(conversationId: string, activityId: string): string {
  return `teams:${encodeURIComponent(conversationId)}:${encodeURIComponent(activityId)}`;
}

export function parseActivityRef(ref: string): { conversationId: string; activityId: string } {
  const parts = ref.split(':');
  if (parts.length !== 3 || parts[0] !== 'teams' || !parts[1] || !parts[2]) throw new Error(`not a Teams message ref: ${ref}`);
  return { conversationId: decodeURIComponent(parts[1]), activityId: decodeURIComponent(parts[2]) };
}

/** Who sent an activity, as Teams describes them. */
export interface TeamsUser {
  id: string;
  name?: string | null;
  aadObjectId?: string | null;
}

/** The stable id of a person: the AAD object id is the same for every app and what admins know. */
export function teamsUserId(user: TeamsUser): string {
  return user.aadObjectId || user.id;
}

export function teamsActor(user: TeamsUser): Actor {
  return { id: `teams:${teamsUserId(user)}`, name: user.name ?? null, platform: 'teams' };
}

/** The Teams-side id inside an actor id, if it is one of ours. */
export function bareTeamsId(actorId: string): string | null {
  return actorId.startsWith('teams:') ? actorId.slice('teams:'.length) : null;
}

/** Conversation ids a thread reply carries (`19:abc@thread.tacv2;messageid=123`) name the channel before `;`. */
export function baseConversationId(conversationId: string): string {
  const semi = conversationId.indexOf(';');
  return semi === -1 ? conversationId : conversationId.slice(0, semi);
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A Teams person id: an AAD object id (a GUID) or a Teams user id (`29:…`). */
export function looksLikeTeamsUser(id: string): boolean {
  return GUID.test(id) || id.startsWith('29:') || id.startsWith('8:orgid:');
}
