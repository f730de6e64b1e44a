import { KlaxonError } from '../errors.js';
import type { Actor } from './events.js';

export interface PermissionsConfig {
  agents: readonly string[];
  leads: readonly string[];
}

/** Config lists may name `U123` or `slack:U123`; both match the actor `slack:U123`. */
function listed(actor: Actor, list: readonly string[]): boolean {
  const bare = actor.id.includes(':') ? actor.id.slice(actor.id.indexOf(':') + 1) : actor.id;
  return list.some((entry) => entry === actor.id || entry === bare);
}

export function isLead(actor: Actor, perms: PermissionsConfig): boolean {
  return listed(actor, perms.leads);
}

/** With no agents configured everyone in the workspace may act (a small team's default). */
export function canAct(actor: Actor, perms: PermissionsConfig): boolean {
  if (actor.platform === 'system' || actor.platform === 'cli') return true;
  return perms.agents.length === 0 || listed(actor, perms.agents) || isLead(actor, perms);
}

export function assertCanAct(actor: Actor, perms: PermissionsConfig): void {
  if (!canAct(actor, perms)) {
    throw new KlaxonError('forbidden', 'You are not on the list of people who may act on cases. Ask a lead to add you to permissions.agents.');
  }
}

/** Only the owner or a lead may reply on or resolve a claimed case. */
export function assertOwnerOrLead(actor: Actor, ownerId: string | null, ownerName: string | null, perms: PermissionsConfig): void {
  assertCanAct(actor, perms);
  if (ownerId && ownerId !== actor.id && !isLead(actor, perms)) {
    throw new KlaxonError('forbidden', `This case is claimed by ${ownerName ?? ownerId}; only they or a lead can do that.`);
  }
}
