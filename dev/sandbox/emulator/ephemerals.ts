import type { SlackWorkspace } from '../slack-api/store.js';

/** A message only one person sees ("Only visible to you"), placed in a channel's timeline. */
export interface SandboxEphemeral {
  id: string;
  /** Where it sorts among the channel's messages. */
  ts: string;
  channel: string;
  threadTs: string | null;
  user: string;
  text: string;
  blocks: unknown[] | null;
  /** How it came: `chat.postEphemeral`, the answer to a slash command, or a `response_url` post. */
  origin: 'api' | 'command' | 'response_url';
  /** The command line that produced it, shown above the answer as Slack does. */
  command: string | null;
}

/**
 * Every ephemeral message, whatever produced it. The Web API store keeps `chat.postEphemeral`
 * calls; command answers and `response_url` posts never touch the Web API, so they are added
 * here directly.
 */
export class EphemeralLog {
  readonly items: SandboxEphemeral[] = [];
  #seen = 0;
  #counter = 0;

  constructor(private readonly ws: SlackWorkspace) {}

  /** Copies new `chat.postEphemeral` messages (their thread comes from the recorded call). */
  sync(): void {
    const calls = this.ws.callsTo('chat.postEphemeral');
    for (; this.#seen < this.ws.ephemerals.length; this.#seen += 1) {
      const e = this.ws.ephemerals[this.#seen]!;
      const threadTs = calls[this.#seen]?.args.thread_ts;
      this.#push(
        {
          channel: e.channel,
          user: e.user,
          text: e.text,
          blocks: e.blocks,
          threadTs: threadTs ? String(threadTs) : null,
          origin: 'api',
          command: null,
        },
        false,
      );
    }
  }

  add(e: Omit<SandboxEphemeral, 'id' | 'ts'>): SandboxEphemeral {
    return this.#push(e, true);
  }

  #push(e: Omit<SandboxEphemeral, 'id' | 'ts'>, notify: boolean): SandboxEphemeral {
    this.#counter += 1;
    const item = { ...e, id: `E${this.#counter}`, ts: this.ws.nextTs() };
    this.items.push(item);
    if (notify) this.ws.changed();
    return item;
  }

  find(id: string): SandboxEphemeral | undefined {
    return this.items.find((e) => e.id === id);
  }

  replace(id: string, content: { text: string; blocks: unknown[] | null }): void {
    const item = this.find(id);
    if (!item) return;
    item.text = content.text;
    item.blocks = content.blocks;
    this.ws.changed();
  }

  remove(id: string): void {
    const at = this.items.findIndex((e) => e.id === id);
    if (at >= 0) this.items.splice(at, 1);
    this.ws.changed();
  }

  forUser(userId: string): SandboxEphemeral[] {
    return this.items.filter((e) => e.user === userId);
  }
}
