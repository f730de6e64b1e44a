import { KlaxonError } from '../errors.js';
import type { Actor } from './events.js';

export interface PermissionsConfig {
  agents: readonly string[];
  leads: readonly string[];
  /**
   * Who may read cases (queue, history, reports, SLA, App Home) without acting on them. Absent:
   * reading follows `agents` (docs/CONTRACT.md §9). Whoever may act may always read.
   */
  viewers?: readonly string[];
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
    throw new KlaxonError(
      'forbidden',
      'You are not on the list of people who may act on cases. Ask a lead to add you to permissions.agents.',
    );
  }
}

/** Only the owner or a lead may reply on or resolve a claimed case. */
export function assertOwnerOrLead(actor: Actor, ownerId: string | null, ownerName: string | null, perms: PermissionsConfig): void {
  assertCanAct(actor, perms);
  if (ownerId && ownerId !== actor.id && !isLead(actor, perms)) {
    throw new KlaxonError('forbidden', `This case is claimed by ${ownerName ?? 'another agent'}; only they or a lead can do that.`);
  }
}

/**
 * Who may read the queue, a case's history, reports and SLA lists (customer messages, card and
 * phone numbers included): whoever may act, and the configured viewers. With no agents
 * configured everyone may act, so everyone may read.
 */
export function canRead(actor: Actor, perms: PermissionsConfig): boolean {
  return canAct(actor, perms) || listed(actor, perms.viewers ?? []);
}

export function assertCanRead(actor: Actor, perms: PermissionsConfig): void {
  if (!canRead(actor, perms)) {
    throw new KlaxonError(
      'forbidden',
      'You are not on the list of people who may read cases and reports. Ask a lead to add you to permissions.viewers (or ' +
        'permissions.agents).',
    );
  }
}

/** Who may act and who may read, in words for the start-up log. */
export function describePermissions(perms: PermissionsConfig): string {
  if (perms.agents.length === 0) {
    return (
      'Permissions: everyone in the workspace may act on cases and read the queue, history, ' +
      'reports and SLA (permissions.agents is empty); set permissions.agents to restrict them'
    );
  }
  const act =
    `${perms.agents.length} agent${perms.agents.length === 1 ? '' : 's'} and ${perms.leads.length} ` +
    `lead${perms.leads.length === 1 ? '' : 's'} may act on cases`;
  const read =
    perms.viewers === undefined
      ? 'only they may read the queue, history, reports and SLA (permissions.viewers is not set, so reading follows permissions.agents)'
      : `they and ${perms.viewers.length} viewer${perms.viewers.length === 1 ? '' : 's'} (permissions.viewers) may read the queue, ` +
        `history, reports and SLA`;
  return `Permissions: ${act}; ${read}; everyone else is refused`;
}
