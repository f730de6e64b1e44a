/**
 * Who and where in the sandbox workspace: a few agents (one of them a team lead) and the
 * channels Klaxon posts to. Ids follow Slack's shapes (U… for people, C… for channels, D… for a
 * direct-message channel) so the real Slack adapter treats them exactly like Slack's own.
 */
export interface SandboxUser {
  id: string;
  /** Slack's `username` (the handle). */
  name: string;
  realName: string;
  title: string;
  lead: boolean;
}

export interface SandboxChannel {
  id: string;
  name: string;
  purpose: string;
}

export const SANDBOX_USERS: readonly SandboxUser[] = [
  { id: 'UAGENTALEX', name: 'alex', realName: 'Alex Rivera', title: 'Social care agent', lead: false },
  { id: 'UAGENTSAM', name: 'sam', realName: 'Sam Okafor', title: 'Social care agent', lead: false },
  { id: 'ULEADJORDAN', name: 'jordan', realName: 'Jordan Lee', title: 'Team lead', lead: true },
];

export const SANDBOX_CHANNELS = {
  triage: { id: 'CSBTRIAGE', name: 'social-triage', purpose: 'Every mention that needs an answer, as a card with buttons' },
  escalation: { id: 'CSBESCALATE', name: 'social-escalations', purpose: 'Escalations and SLA breaches' },
  digest: { id: 'CSBDIGEST', name: 'social-digest', purpose: 'The daily executive digest' },
  billing: { id: 'CSBBILLING', name: 'billing-team', purpose: 'A team channel cases can be handed off to' },
} as const satisfies Record<string, SandboxChannel>;

export const DEFAULT_USER = SANDBOX_USERS[0]!;

export function sandboxUser(id: string | undefined): SandboxUser | undefined {
  return SANDBOX_USERS.find((u) => u.id === id);
}

/** The IM channel the local Web API opens for a user (`D` + user id). */
export function dmChannelOf(userId: string): string {
  return `D${userId}`;
}
