import type { EphemeralLog } from './emulator/ephemerals.js';
import type { ModalStacks, OpenModal } from './emulator/modals.js';
import type { FeedPost, PublicFeed } from './network/feed.js';
import { SANDBOX_CHANNELS, SANDBOX_USERS, dmChannelOf, type SandboxUser } from './people.js';
import type { SlackWorkspace } from './slack-api/store.js';

export interface PageMessage {
  channel: string;
  ts: string;
  user: string;
  text: string;
  blocks: unknown[] | null;
  threadTs: string | null;
  edited: number;
  files: { id: string; title: string; filename: string; url: string }[];
  /** Set on ephemeral messages: only the current person sees them. */
  ephemeral?: { id: string; command: string | null };
}

/** Everything the page draws for one person, in one JSON answer. */
export interface PageState {
  version: number;
  me: string;
  bot: { id: string; name: string };
  users: SandboxUser[];
  channels: { id: string; name: string; purpose: string; kind: 'channel' | 'dm' }[];
  messages: PageMessage[];
  modals: OpenModal[];
  home: Record<string, unknown> | null;
  feed: FeedPost[];
  /** What Slack refused lately (newest last): the page shows each as an error, as Slack would fail. */
  refusals: { method: string; error: string; errors: string[]; at: number }[];
}

export interface PageStateDeps {
  ws: SlackWorkspace;
  modals: ModalStacks;
  ephemerals: EphemeralLog;
  feed: PublicFeed;
  /** Where the page fetches uploaded files (`/sandbox/files/<id>`). */
  filesPath: string;
  version: () => number;
}

/** The workspace as the given person sees it: shared channels, their DM with Klaxon, their ephemerals and modals. */
export function pageState(deps: PageStateDeps, me: SandboxUser): PageState {
  const { ws } = deps;
  const dm = dmChannelOf(me.id);
  const channels = [
    ...Object.values(SANDBOX_CHANNELS).map((c) => ({ ...c, kind: 'channel' as const })),
    { id: dm, name: 'Klaxon', purpose: 'Direct messages from Klaxon to you (hand-offs, notices)', kind: 'dm' as const },
  ];
  const visible = new Set(channels.map((c) => c.id));
  const messages: PageMessage[] = ws.messages
    .filter((m) => visible.has(m.channel))
    .map((m) => ({
      channel: m.channel,
      ts: m.ts,
      user: m.user,
      text: m.text,
      blocks: m.blocks,
      threadTs: m.threadTs,
      edited: m.edited,
      files: m.files.map((f) => ({ id: f.id, title: f.title, filename: f.filename, url: `${deps.filesPath}/${f.id}` })),
    }));
  for (const e of deps.ephemerals.forUser(me.id)) {
    messages.push({
      channel: e.channel,
      ts: e.ts,
      user: ws.botUserId,
      text: e.text,
      blocks: e.blocks,
      threadTs: e.threadTs,
      edited: 0,
      files: [],
      ephemeral: { id: e.id, command: e.command },
    });
  }
  const home = ws.views.find((v) => v.triggerId === 'home' && v.user === me.id)?.view ?? null;
  return {
    version: deps.version(),
    me: me.id,
    bot: { id: ws.botUserId, name: 'Klaxon' },
    users: [...SANDBOX_USERS],
    channels,
    messages,
    modals: deps.modals.stackOf(me.id),
    home,
    feed: deps.feed.posts,
    refusals: ws.refusals.slice(-5).map((r) => ({ ...r, errors: r.errors.slice(0, 5) })),
  };
}
