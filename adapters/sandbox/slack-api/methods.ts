import type { SlackWorkspace, StoredMessage } from './store.js';

export type Args = Record<string, unknown>;
export type MethodResult = { ok: true; [key: string]: unknown } | { ok: false; error: string };
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

const str = (value: unknown): string => (value === undefined || value === null ? '' : String(value));

function toMessage(m: StoredMessage): Record<string, unknown> {
  return { type: 'message', ts: m.ts, user: m.user, text: m.text, blocks: m.blocks ?? undefined, thread_ts: m.threadTs ?? undefined, metadata: m.metadata ?? undefined, files: m.files.length ? m.files : undefined };
}

function resolveChannel(ws: SlackWorkspace, channel: string): string {
  // A DM to a user id goes to the IM channel opened for them.
  if (/^[UW][A-Z0-9]+$/.test(channel)) return `D${channel}`;
  return channel;
}

/** The Web API methods Klaxon uses, answered like Slack does (shapes trimmed to what is read). */
export const METHODS: Record<string, Method> = {
  'apps.connections.open': (ws) => (ws.socketModeUrl ? { ok: true, url: ws.socketModeUrl } : { ok: false, error: 'not_allowed_token_type' }),
  'auth.test': (ws) => ({ ok: true, url: 'https://sandbox.slack.local/', team: 'Klaxon Sandbox', user: 'klaxon', team_id: ws.teamId, user_id: ws.botUserId, bot_id: 'BKLAXON' }),
  'chat.postMessage': (ws, args) => {
    const channel = resolveChannel(ws, str(args.channel));
    if (!channel) return { ok: false, error: 'channel_not_found' };
    const text = str(args.text);
    const blocks = json<unknown[]>(args.blocks);
    if (!text && !blocks) return { ok: false, error: 'no_text' };
    const threadTs = args.thread_ts ? str(args.thread_ts) : null;
    if (threadTs && !ws.find(channel, threadTs)) return { ok: false, error: 'thread_not_found' };
    const message: StoredMessage = { channel, ts: ws.nextTs(), user: ws.botUserId, text, blocks, threadTs, metadata: json(args.metadata), edited: 0, files: [] };
    ws.messages.push(message);
    return { ok: true, channel, ts: message.ts, message: toMessage(message) };
  },
  'chat.update': (ws, args) => {
    const channel = str(args.channel);
    const message = ws.find(channel, str(args.ts));
    if (!message) return { ok: false, error: 'message_not_found' };
    if (args.text !== undefined) message.text = str(args.text);
    const blocks = json<unknown[]>(args.blocks);
    if (blocks) message.blocks = blocks;
    const metadata = json<StoredMessage['metadata']>(args.metadata);
    if (metadata) message.metadata = metadata;
    message.edited += 1;
    return { ok: true, channel, ts: message.ts, text: message.text };
  },
  'chat.postEphemeral': (ws, args) => {
    ws.ephemerals.push({ channel: str(args.channel), user: str(args.user), text: str(args.text), blocks: json(args.blocks) });
    return { ok: true, message_ts: ws.nextTs() };
  },
  'chat.getPermalink': (ws, args) => ({ ok: true, channel: str(args.channel), permalink: `https://sandbox.slack.local/archives/${str(args.channel)}/p${str(args.message_ts).replace('.', '')}` }),
  'conversations.open': (ws, args) => {
    const users = str(args.users).split(',')[0] ?? '';
    return { ok: true, channel: { id: `D${users}` } };
  },
  'conversations.history': (ws, args) => {
    const channel = str(args.channel);
    const oldest = Number(args.oldest ?? 0);
    const messages = ws
      .topLevel(channel)
      .filter((m) => Number(m.ts) >= oldest)
      .reverse()
      .map(toMessage);
    return { ok: true, messages, has_more: false };
  },
  'conversations.replies': (ws, args) => {
    const channel = str(args.channel);
    const ts = str(args.ts);
    const parent = ws.find(channel, ts);
    if (!parent) return { ok: false, error: 'thread_not_found' };
    return { ok: true, messages: [parent, ...ws.thread(channel, ts)].map(toMessage), has_more: false };
  },
  'conversations.info': (ws, args) => {
    const channel = ws.channels.get(str(args.channel));
    return channel ? { ok: true, channel: { id: channel.id, name: channel.name } } : { ok: false, error: 'channel_not_found' };
  },
  'users.info': (ws, args) => {
    const user = ws.users.get(str(args.user));
    if (!user) return { ok: false, error: 'user_not_found' };
    return { ok: true, user: { id: user.id, name: user.name, real_name: user.realName, profile: { real_name: user.realName, display_name: user.displayName ?? '' } } };
  },
  'views.open': (ws, args) => {
    const view = json<Record<string, unknown>>(args.view) ?? {};
    const stored = { id: ws.nextId('V'), user: '', view, triggerId: str(args.trigger_id) };
    ws.views.push(stored);
    return { ok: true, view: { id: stored.id, ...view } };
  },
  'views.update': (ws, args) => {
    const stored = ws.views.find((v) => v.id === str(args.view_id));
    if (!stored) return { ok: false, error: 'not_found' };
    stored.view = json<Record<string, unknown>>(args.view) ?? stored.view;
    return { ok: true, view: { id: stored.id, ...stored.view } };
  },
  'views.push': (ws, args) => {
    const view = json<Record<string, unknown>>(args.view) ?? {};
    const stored = { id: ws.nextId('V'), user: '', view, triggerId: str(args.trigger_id) };
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
      const channel = resolveChannel(ws, channelArg);
      const threadTs = args.thread_ts ? str(args.thread_ts) : null;
      if (threadTs && !ws.find(channel, threadTs)) return { ok: false, error: 'thread_not_found' };
      // Real Slack ignores blocks when initial_comment is given.
      const text = str(args.initial_comment);
      const blocks = text ? null : json<unknown[]>(args.blocks);
      ws.messages.push({
        channel,
        ts: ws.nextTs(),
        user: ws.botUserId,
        text,
        blocks,
        threadTs,
        metadata: null,
        edited: 0,
        files: files.map((f) => ({ id: f.id, title: f.title, filename: f.filename, bytes: f.bytes?.length ?? 0 })),
      });
    }
    return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title })) };
  },
  'views.publish': (ws, args) => {
    const view = json<Record<string, unknown>>(args.view) ?? {};
    const user = str(args.user_id);
    const existing = ws.views.find((v) => v.user === user && v.triggerId === 'home');
    if (existing) existing.view = view;
    else ws.views.push({ id: ws.nextId('V'), user, view, triggerId: 'home' });
    return { ok: true, view: { ...view } };
  },
};
