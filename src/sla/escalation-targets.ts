import type { PlatformId } from '../ports.js';

/** Where escalations (SLA breaches, spike alerts) go, per chat platform, and who is mentioned. */
export interface EscalationTargets {
  /** Slack's escalation channel, as the Slack adapter reads it (its variable, else `platforms.slack.escalation`). */
  channel?: string;
  /** Escalation channels of other platforms (Teams); an entry for `slack` wins over `channel`. */
  channels?: Partial<Record<PlatformId, string>>;
  /** The on-call lead mentioned on escalations: a Slack user id (U…) or user-group id (S…). */
  onCall?: string | null;
}

export function escalationChannelFor(targets: EscalationTargets, platform: PlatformId): string | undefined {
  const own = targets.channels?.[platform];
  if (own) return own;
  return platform === 'slack' ? targets.channel : undefined;
}

/** The on-call mention for a platform. Config holds a Slack id, which means nothing elsewhere. */
export function onCallFor(targets: EscalationTargets, platform: PlatformId): string | null {
  return platform === 'slack' ? (targets.onCall ?? null) : null;
}

/** Every platform that has an escalation channel, with it. */
export function escalationChannels(targets: EscalationTargets): [PlatformId, string][] {
  const out = new Map<PlatformId, string>();
  if (targets.channel) out.set('slack', targets.channel);
  for (const [platform, channel] of Object.entries(targets.channels ?? {})) if (channel) out.set(platform as PlatformId, channel);
  return [...out];
}
