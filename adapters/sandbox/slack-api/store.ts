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
  readonly channels = new Map<string, { id: string; name: string }>();
  /** The workspace's people, as `users.info` answers for them (unknown ids: `user_not_found`). */
  readonly users = new Map<string, { id: string; name: string; realName: string; displayName?: string }>();
  readonly botUserId = 'UKLAXONBOT';
  readonly teamId = 'TSANDBOX';
  /** Where `apps.connections.open` sends Socket Mode clients (a loopback WebSocket server). */
  socketModeUrl: string | null = null;
  #tsCounter = 0;
  #idCounter = 0;
  #now: () => number;
  #listeners = new Set<() => void>();

  constructor(options: { now?: () => number; channels?: { id: string; name: string }[]; users?: { id: string; name: string; realName: string }[] } = {}) {
    this.#now = options.now ?? Date.now;
    for (const c of options.channels ?? []) this.channels.set(c.id, c);
    for (const u of options.users ?? []) this.users.set(u.id, u);
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
