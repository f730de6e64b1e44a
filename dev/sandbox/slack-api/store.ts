/**
 * The state of a local, Slack-Web-API-compatible workspace: channels, messages (with threads and
 * metadata), ephemeral messages, modals and uploaded files. The sandbox page renders it and the
 * test suite asserts on it; the real Slack adapter talks to it through SLACK_API_URL.
 */
export interface StoredMessage {
  channel: string;
  ts: string;
  user: string;
  text: string;
  blocks: unknown[] | null;
  threadTs: string | null;
  metadata: { event_type?: string; event_payload?: Record<string, unknown> } | null;
  edited: number;
  files: { id: string; title: string; filename: string; bytes: number }[];
}

export interface ApiCall {
  method: string;
  args: Record<string, unknown>;
  at: number;
}

/** A channel and who is in it. A bot posts only where it is a member (Slack: `not_in_channel`). */
export interface StoredChannel {
  id: string;
  name: string;
  /** Private channels cannot be joined, only invited to; to outsiders they do not exist. */
  isPrivate: boolean;
  members: Set<string>;
}

/** How a new channel is described: the bot is a member unless `botMember: false`. */
export interface ChannelSpec {
  id: string;
  name: string;
  isPrivate?: boolean;
  botMember?: boolean;
}

/** A call the Web API refused: kept so the sandbox can show it and tests can assert on it. */
export interface Refusal {
  method: string;
  error: string;
  /** Slack's list of what is wrong (`invalid_blocks`, `invalid_arguments`), with JSON pointers. */
  errors: string[];
  at: number;
}

/**
 * An extra rule a test switches on, to force a refusal the renderers cannot avoid (for the
 * fallback paths). Returns Slack-style error messages for a payload, or an empty list.
 */
export type ExtraRule = (method: string, payload: { text?: unknown; blocks?: unknown; view?: unknown }) => string[];

export interface StoredView {
  id: string;
  user: string;
  view: Record<string, unknown>;
  triggerId: string;
}

export class SlackWorkspace {
  readonly calls: ApiCall[] = [];
  readonly messages: StoredMessage[] = [];
  readonly ephemerals: { channel: string; user: string; text: string; blocks: unknown[] | null }[] = [];
  readonly views: StoredView[] = [];
  readonly files = new Map<string, { id: string; filename: string; title: string; bytes: Buffer | null; uploadUrl: string }>();
  readonly channels = new Map<string, StoredChannel>();
  /** The workspace's people, as `users.info` answers for them (unknown ids: `user_not_found`). */
  readonly users = new Map<string, { id: string; name: string; realName: string; displayName?: string }>();
  readonly refusals: Refusal[] = [];
  readonly extraRules: ExtraRule[] = [];
  readonly botUserId = 'UKLAXONBOT';
  readonly teamId = 'TSANDBOX';
  /** Where `apps.connections.open` sends Socket Mode clients (a loopback WebSocket server). */
  socketModeUrl: string | null = null;
  #tsCounter = 0;
  #idCounter = 0;
  #now: () => number;
  #listeners = new Set<() => void>();

  constructor(options: { now?: () => number; channels?: ChannelSpec[]; users?: { id: string; name: string; realName: string }[] } = {}) {
    this.#now = options.now ?? Date.now;
    for (const c of options.channels ?? []) this.addChannel(c);
    for (const u of options.users ?? []) this.users.set(u.id, u);
  }

  /** Creates a channel (or redefines it); the bot is in it unless `botMember: false`. */
  addChannel(spec: ChannelSpec): StoredChannel {
    const channel: StoredChannel = {
      id: spec.id,
      name: spec.name,
      isPrivate: spec.isPrivate ?? false,
      members: new Set(spec.botMember === false ? [] : [this.botUserId]),
    };
    this.channels.set(spec.id, channel);
    return channel;
  }

  /**
   * Whether the bot may post (or read) in a channel, as Slack decides it: a direct-message
   * channel always; a channel the bot is in; `not_in_channel` for a public channel it is not in;
   * `channel_not_found` for an unknown channel and for a private one it was never invited to.
   */
  access(channelId: string): 'ok' | 'not_in_channel' | 'channel_not_found' {
    if (/^D[A-Z0-9]+$/.test(channelId)) return 'ok';
    const channel = this.channels.get(channelId);
    if (!channel) return 'channel_not_found';
    if (channel.members.has(this.botUserId)) return 'ok';
    return channel.isPrivate ? 'channel_not_found' : 'not_in_channel';
  }

  refused(refusal: Omit<Refusal, 'at'>): void {
    this.refusals.push({ ...refusal, at: this.#now() });
    if (this.refusals.length > 200) this.refusals.splice(0, this.refusals.length - 200);
    this.changed();
  }

  /** Slack message timestamps: seconds with a microsecond suffix, unique per workspace. */
  nextTs(): string {
    this.#tsCounter += 1;
    const seconds = Math.floor(this.#now() / 1000);
    return `${seconds}.${String(this.#tsCounter).padStart(6, '0')}`;
  }

  nextId(prefix: string): string {
    this.#idCounter += 1;
    return `${prefix}${String(this.#idCounter).padStart(8, '0')}`;
  }

  now(): number {
    return this.#now();
  }

  record(method: string, args: Record<string, unknown>): void {
    this.calls.push({ method, args, at: this.#now() });
    this.changed();
  }

  /** Called on every change; the sandbox page uses it to refresh. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  changed(): void {
    for (const l of this.#listeners) l();
  }

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  find(channel: string, ts: string): StoredMessage | undefined {
    return this.messages.find((m) => m.channel === channel && m.ts === ts);
  }

  topLevel(channel: string): StoredMessage[] {
    return this.messages.filter((m) => m.channel === channel && m.threadTs === null);
  }

  thread(channel: string, ts: string): StoredMessage[] {
    return this.messages.filter((m) => m.channel === channel && m.threadTs === ts);
  }
}
