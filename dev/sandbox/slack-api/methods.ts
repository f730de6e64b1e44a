import { messageRefusal, viewProblems } from './block-kit/blocks.js';
import type { SlackWorkspace, StoredMessage } from './store.js';

export type Args = Record<string, unknown>;
export type MethodResult = { ok: true; [key: string]: unknown } | { ok: false; error: string; [key: string]: unknown };
/** What a method may need beyond its arguments: the server's own URL (for upload URLs). */
export interface MethodContext {
  baseUrl: string;
}
export type Method = (ws: SlackWorkspace, args: Args, ctx: MethodContext) => MethodResult;

/** Slack sends structured arguments (blocks, metadata) as JSON strings inside form bodies. */
function json<T>(value: unknown): T | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string') {
    try {
      return JSON.parse(value) as T;
    } catch {
      return null;
    }
  }
  return value as T;
}

/** `blocks` that is present but not JSON (or not an array) is refused, as Slack does. */
function blocksArg(value: unknown): { blocks: unknown[] | null } | { error: string } {
  if (value === undefined || value === null || value === '') return { blocks: null };
  const parsed = json<unknown>(value);
  return Array.isArray(parsed) ? { blocks: parsed } : { error: 'invalid_blocks_format' };
}

const str = (value: unknown): string => (value === undefined || value === null ? '' : String(value));

function toMessage(m: StoredMessage): Record<string, unknown> {
  return {
    type: 'message',
    ts: m.ts,
    user: m.user,
    text: m.text,
    blocks: m.blocks ?? undefined,
    thread_ts: m.threadTs ?? undefined,
    metadata: m.metadata ?? undefined,
    files: m.files.length ? m.files : undefined,
  };
}

function resolveChannel(_ws: SlackWorkspace, channel: string): string {
  // A DM to a user id goes to the IM channel opened for them.
  if (/^[UW][A-Z0-9]+$/.test(channel)) return `D${channel}`;
  return channel;
}

/** Slack's answer to a message payload it refuses, or null: its own rules, then any extra rule a test set. */
function refuseMessage(
  ws: SlackWorkspace,
  method: string,
  text: unknown,
  blocks: unknown[] | null,
  requireContent = true,
): MethodResult | null {
  const refusal = messageRefusal({ text, blocks }, { requireContent });
  const extra = refusal ? [] : ws.extraRules.flatMap((rule) => rule(method, { text, blocks }));
  const errors = refusal?.errors ?? extra;
  if (!refusal && extra.length === 0) return null;
  const error = refusal?.error ?? 'invalid_blocks';
  return { ok: false, error, ...(errors.length ? { errors, response_metadata: { messages: errors.map((e) => `[ERROR] ${e}`) } } : {}) };
}

/** Views are refused with `invalid_arguments` and the problems in `response_metadata.messages`. */
function refuseView(ws: SlackWorkspace, method: string, view: unknown): MethodResult | null {
  const errors = [...viewProblems(view), ...ws.extraRules.flatMap((rule) => rule(method, { view }))];
  return errors.length
    ? { ok: false, error: 'invalid_arguments', errors, response_metadata: { messages: errors.map((e) => `[ERROR] ${e}`) } }
    : null;
}

/** The channel a bot writes to, or Slack's reason it may not. */
function writable(ws: SlackWorkspace, channelArg: unknown): { channel: string } | { ok: false; error: string } {
  const channel = resolveChannel(ws, str(channelArg));
  if (!channel) return { ok: false, error: 'channel_not_found' };
  const access = ws.access(channel);
  return access === 'ok' ? { channel } : { ok: false, error: access };
}

function channelJson(ws: SlackWorkspace, id: string): Record<string, unknown> {
  const c = ws.channels.get(id);
  if (!c) return { id, is_im: true, is_channel: false, is_group: false, is_private: true, is_member: true };
  return {
    id: c.id,
    name: c.name,
    is_channel: !c.isPrivate,
    is_group: c.isPrivate,
    is_im: false,
    is_private: c.isPrivate,
    is_archived: false,
    is_member: c.members.has(ws.botUserId),
  };
}

/** The Web API methods Klaxon uses, answered like Slack does (shapes trimmed to what is read). */
export const METHODS: Record<string, Method> = {
  'apps.connections.open': (ws) =>
    ws.socketModeUrl ? { ok: true, url: ws.socketModeUrl } : { ok: false, error: 'not_allowed_token_type' },
  'auth.test': (ws) => ({
    ok: true,
    url: 'https://sandbox.slack.local/',
    team: 'Klaxon Sandbox',
    user: 'klaxon',
    team_id: ws.teamId,
    user_id: ws.botUserId,
    bot_id: 'BKLAXON',
  }),
  'chat.postMessage': (ws, args) => {
    const target = writable(ws, args.channel);
    if ('ok' in target) return target;
    const { channel } = target;
    const parsed = blocksArg(args.blocks);
    if ('error' in parsed) return { ok: false, error: parsed.error };
    const refused = refuseMessage(ws, 'chat.postMessage', args.text, parsed.blocks);
    if (refused) return refused;
    const text = str(args.text);
    const threadTs = args.thread_ts ? str(args.thread_ts) : null;
    if (threadTs && !ws.find(channel, threadTs)) return { ok: false, error: 'thread_not_found' };
    const message: StoredMessage = {
      channel,
      ts: ws.nextTs(),
      user: ws.botUserId,
      text,
      blocks: parsed.blocks,
      threadTs,
      metadata: json(args.metadata),
      edited: 0,
      files: [],
    };
    ws.messages.push(message);
    return { ok: true, channel, ts: message.ts, message: toMessage(message) };
  },
  'chat.update': (ws, args) => {
    const channel = str(args.channel);
    const access = ws.access(channel);
    if (access !== 'ok') return { ok: false, error: access };
    const message = ws.find(channel, str(args.ts));
    if (!message) return { ok: false, error: 'message_not_found' };
    const parsed = blocksArg(args.blocks);
    if ('error' in parsed) return { ok: false, error: parsed.error };
    const refused = refuseMessage(ws, 'chat.update', args.text, parsed.blocks);
    if (refused) return refused;
    if (args.text !== undefined) message.text = str(args.text);
    if (parsed.blocks) message.blocks = parsed.blocks;
    const metadata = json<StoredMessage['metadata']>(args.metadata);
    if (metadata) message.metadata = metadata;
    message.edited += 1;
    return { ok: true, channel, ts: message.ts, text: message.text };
  },
  'chat.postEphemeral': (ws, args) => {
    const target = writable(ws, args.channel);
    if ('ok' in target) return target;
    const parsed = blocksArg(args.blocks);
    if ('error' in parsed) return { ok: false, error: parsed.error };
    const refused = refuseMessage(ws, 'chat.postEphemeral', args.text, parsed.blocks);
    if (refused) return refused;
    ws.ephemerals.push({ channel: target.channel, user: str(args.user), text: str(args.text), blocks: parsed.blocks });
    return { ok: true, message_ts: ws.nextTs() };
  },
  'chat.getPermalink': (_ws, args) => ({
    ok: true,
    channel: str(args.channel),
    permalink: `https://sandbox.slack.local/archives/${str(args.channel)}/p${str(args.message_ts).replace('.', '')}`,
  }),
  'conversations.open': (_ws, args) => {
    const users = str(args.users).split(',')[0] ?? '';
    return { ok: true, channel: { id: `D${users}` } };
  },
  'conversations.join': (ws, args) => {
    const id = str(args.channel);
    const channel = ws.channels.get(id);
    // A private channel the bot is not in does not exist for it; one it is in cannot be "joined".
    if (!channel || (channel.isPrivate && !channel.members.has(ws.botUserId)))
      return { ok: false, error: /^D/.test(id) ? 'method_not_supported_for_channel_type' : 'channel_not_found' };
    if (channel.isPrivate) return { ok: false, error: 'method_not_supported_for_channel_type' };
    const already = channel.members.has(ws.botUserId);
    channel.members.add(ws.botUserId);
    return { ok: true, channel: channelJson(ws, id), ...(already ? { warning: 'already_in_channel' } : {}) };
  },
  'conversations.history': (ws, args) => {
    const channel = str(args.channel);
    const access = ws.access(channel);
    if (access !== 'ok') return { ok: false, error: access };
    // Newest first, as Slack answers; `oldest`/`latest` bound the window, `limit` the page.
    const oldest = Number(args.oldest ?? 0);
    const latest = args.latest === undefined ? Number.POSITIVE_INFINITY : Number(args.latest);
    const inclusive = args.inclusive === true || args.inclusive === 'true' || args.inclusive === '1';
    const limit = Math.max(1, Math.min(999, Number(args.limit ?? 100) || 100));
    const within = ws
      .topLevel(channel)
      .filter((m) => {
        const ts = Number(m.ts);
        return (inclusive ? ts >= oldest : ts > oldest) && (inclusive ? ts <= latest : ts < latest);
      })
      .reverse();
    return { ok: true, messages: within.slice(0, limit).map(toMessage), has_more: within.length > limit };
  },
  'conversations.replies': (ws, args) => {
    const channel = str(args.channel);
    const access = ws.access(channel);
    if (access !== 'ok') return { ok: false, error: access };
    const ts = str(args.ts);
    const parent = ws.find(channel, ts);
    if (!parent) return { ok: false, error: 'thread_not_found' };
    return { ok: true, messages: [parent, ...ws.thread(channel, ts)].map(toMessage), has_more: false };
  },
  'conversations.info': (ws, args) => {
    const id = str(args.channel);
    const channel = ws.channels.get(id);
    if (/^D[A-Z0-9]+$/.test(id)) return { ok: true, channel: channelJson(ws, id) };
    // A private channel the bot was never invited to is invisible to it.
    if (!channel || (channel.isPrivate && !channel.members.has(ws.botUserId))) return { ok: false, error: 'channel_not_found' };
    return { ok: true, channel: channelJson(ws, id) };
  },
  'users.info': (ws, args) => {
    const user = ws.users.get(str(args.user));
    if (!user) return { ok: false, error: 'user_not_found' };
    return {
      ok: true,
      user: {
        id: user.id,
        name: user.name,
        real_name: user.realName,
        profile: { real_name: user.realName, display_name: user.displayName ?? '' },
      },
    };
  },
  'views.open': (ws, args) => {
    const view = json<Record<string, unknown>>(args.view);
    const refused = refuseView(ws, 'views.open', view);
    if (refused) return refused;
    const stored = { id: ws.nextId('V'), user: '', view: view!, triggerId: str(args.trigger_id) };
    ws.views.push(stored);
    return { ok: true, view: { id: stored.id, ...view } };
  },
  'views.update': (ws, args) => {
    const stored = ws.views.find((v) => v.id === str(args.view_id));
    if (!stored) return { ok: false, error: 'not_found' };
    const view = json<Record<string, unknown>>(args.view);
    const refused = refuseView(ws, 'views.update', view);
    if (refused) return refused;
    stored.view = view!;
    return { ok: true, view: { id: stored.id, ...stored.view } };
  },
  'views.push': (ws, args) => {
    const view = json<Record<string, unknown>>(args.view);
    const refused = refuseView(ws, 'views.push', view);
    if (refused) return refused;
    const stored = { id: ws.nextId('V'), user: '', view: view!, triggerId: str(args.trigger_id) };
    ws.views.push(stored);
    return { ok: true, view: { id: stored.id, ...view } };
  },
  // files.uploadV2 in the web-api client is three steps: ask for an upload URL, send the bytes
  // there (served by server.ts at /upload/<file id>), then complete, which shares the file.
  'files.getUploadURLExternal': (ws, args, ctx) => {
    const filename = str(args.filename);
    const length = Number(args.length);
    if (!filename || !Number.isInteger(length) || length <= 0) return { ok: false, error: 'invalid_arguments' };
    const id = ws.nextId('F');
    const uploadUrl = `${ctx.baseUrl}/upload/${id}`;
    ws.files.set(id, { id, filename, title: filename, bytes: null, uploadUrl });
    return { ok: true, upload_url: uploadUrl, file_id: id };
  },
  'files.completeUploadExternal': (ws, args) => {
    const requested = json<{ id: string; title?: string }[]>(args.files) ?? [];
    if (requested.length === 0) return { ok: false, error: 'invalid_arguments' };
    const files = [];
    for (const r of requested) {
      const file = ws.files.get(r.id);
      if (!file) return { ok: false, error: 'file_not_found' };
      // Slack refuses to complete a file whose bytes never arrived.
      if (!file.bytes) return { ok: false, error: 'file_upload_not_complete' };
      if (r.title) file.title = r.title;
      files.push(file);
    }
    const channelArg = str(args.channel_id);
    if (channelArg) {
      const target = writable(ws, channelArg);
      if ('ok' in target) return target;
      const { channel } = target;
      const threadTs = args.thread_ts ? str(args.thread_ts) : null;
      if (threadTs && !ws.find(channel, threadTs)) return { ok: false, error: 'thread_not_found' };
      // Real Slack ignores blocks when initial_comment is given.
      const text = str(args.initial_comment);
      const parsed = text ? { blocks: null } : blocksArg(args.blocks);
      if ('error' in parsed) return { ok: false, error: parsed.error };
      const refused = refuseMessage(ws, 'files.completeUploadExternal', text || undefined, parsed.blocks, false);
      if (refused) return refused;
      ws.messages.push({
        channel,
        ts: ws.nextTs(),
        user: ws.botUserId,
        text,
        blocks: parsed.blocks,
        threadTs,
        metadata: null,
        edited: 0,
        files: files.map((f) => ({ id: f.id, title: f.title, filename: f.filename, bytes: f.bytes?.length ?? 0 })),
      });
    }
    return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title })) };
  },
  'views.publish': (ws, args) => {
    const view = json<Record<string, unknown>>(args.view);
    const refused = refuseView(ws, 'views.publish', view);
    if (refused) return refused;
    const user = str(args.user_id);
    const existing = ws.views.find((v) => v.user === user && v.triggerId === 'home');
    if (existing) existing.view = view!;
    else ws.views.push({ id: ws.nextId('V'), user, view: view!, triggerId: 'home' });
    return { ok: true, view: { ...view } };
  },
};
