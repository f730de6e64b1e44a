import { randomBytes } from 'node:crypto';
import { messageRefusal } from '../slack-api/block-kit/blocks.js';
import type { SlackWorkspace } from '../slack-api/store.js';
import type { EphemeralLog } from './ephemerals.js';

/** Where a `response_url` answer goes: the person, the channel, and the message it came from. */
export interface ResponseTarget {
  user: string;
  channel: string;
  threadTs: string | null;
  /** The ephemeral or channel message the click was on (for replace_original / delete_original). */
  original: { kind: 'ephemeral'; id: string } | { kind: 'message'; ts: string } | null;
  command: string | null;
}

/** A `response_url` body (Slack: text, blocks, response_type, replace_original, delete_original). */
export interface ResponseBody {
  text?: string;
  blocks?: unknown[];
  response_type?: 'ephemeral' | 'in_channel';
  replace_original?: boolean;
  delete_original?: boolean;
  thread_ts?: string;
}

/**
 * `response_url`s: every click and command gets one, and the app may post answers to it (Bolt's
 * `respond()`). Slack allows five uses within 30 minutes; so does the sandbox.
 */
export class ResponseUrls {
  readonly #targets = new Map<string, ResponseTarget & { uses: number; expires: number }>();

  constructor(
    private readonly baseUrl: () => string,
    private readonly ws: SlackWorkspace,
    private readonly ephemerals: EphemeralLog,
  ) {}

  issue(target: ResponseTarget): string {
    const token = randomBytes(12).toString('hex');
    this.#targets.set(token, { ...target, uses: 0, expires: Date.now() + 30 * 60_000 });
    if (this.#targets.size > 1000) this.#targets.delete(this.#targets.keys().next().value!);
    return `${this.baseUrl()}/respond/${token}`;
  }

  /** Applies one post; returns Slack's error name when refused. */
  post(token: string, body: ResponseBody): { ok: true } | { ok: false; error: string } {
    const target = this.#targets.get(token);
    if (!target || target.expires < Date.now()) return { ok: false, error: 'expired_url' };
    if (target.uses >= 5) return { ok: false, error: 'used_url' };
    target.uses += 1;
    const content = { text: body.text ?? '', blocks: Array.isArray(body.blocks) ? body.blocks : null };
    const refusal = body.delete_original ? null : messageRefusal({ text: content.text, blocks: body.blocks });
    if (refusal) {
      this.ws.refused({ method: 'response_url', error: refusal.error, errors: refusal.errors ?? [] });
      return { ok: false, error: refusal.error };
    }
    const original = target.original;
    if (body.delete_original && original) {
      if (original.kind === 'ephemeral') this.ephemerals.remove(original.id);
      else this.#deleteMessage(target.channel, original.ts);
      return { ok: true };
    }
    if (body.replace_original && original) {
      if (original.kind === 'ephemeral') this.ephemerals.replace(original.id, content);
      else this.#replaceMessage(target.channel, original.ts, content);
      return { ok: true };
    }
    const threadTs = body.thread_ts ?? target.threadTs;
    if (body.response_type === 'in_channel') {
      this.ws.messages.push({
        channel: target.channel,
        ts: this.ws.nextTs(),
        user: this.ws.botUserId,
        text: content.text,
        blocks: content.blocks,
        threadTs,
        metadata: null,
        edited: 0,
        files: [],
      });
      this.ws.changed();
    } else {
      this.ephemerals.add({
        channel: target.channel,
        user: target.user,
        threadTs,
        ...content,
        origin: 'response_url',
        command: target.command,
      });
    }
    return { ok: true };
  }

  #replaceMessage(channel: string, ts: string, content: { text: string; blocks: unknown[] | null }): void {
    const message = this.ws.find(channel, ts);
    if (!message) return;
    message.text = content.text;
    message.blocks = content.blocks;
    message.edited += 1;
    this.ws.changed();
  }

  #deleteMessage(channel: string, ts: string): void {
    const at = this.ws.messages.findIndex((m) => m.channel === channel && m.ts === ts);
    if (at >= 0) this.ws.messages.splice(at, 1);
    this.ws.changed();
  }
}
