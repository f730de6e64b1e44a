import { graphemes } from './rules.js';
import type { FakeAccount } from './store.js';
import type { XrpcAnswer, XrpcContext } from './server.js';

/** The only service the PDS proxies chat to. */
export const CHAT_PROXY = 'did:web:api.bsky.chat#bsky_chat';

export interface FakeMessage {
  id: string;
  rev: string;
  text: string;
  facets?: unknown[];
  sender: { did: string };
  sentAt: string;
}

export interface ChatState {
  convos: Map<string, { id: string; members: string[]; messages: FakeMessage[] }>;
  seq: number;
}

function member(a: FakeAccount) {
  return { did: a.did, handle: a.handle, displayName: a.displayName };
}

function convoView(ctx: XrpcContext, convo: { id: string; members: string[]; messages: FakeMessage[] }) {
  return {
    id: convo.id,
    rev: `r${convo.messages.length}`,
    members: convo.members.map((d) => member(ctx.fake.net.accounts.get(d)!)),
    muted: false,
    unreadCount: 0,
  };
}

function bad(error: string, message: string): XrpcAnswer {
  return { status: 400, body: { error, message } };
}

/** chat.bsky.convo.*, as the chat service answers when the PDS proxies to it. */
export const chatRoutes: Record<string, (ctx: XrpcContext) => XrpcAnswer> = {
  'chat.bsky.convo.listConvos': (ctx) => {
    const me = ctx.session!.did;
    const convos = [...ctx.fake.chat.convos.values()].filter((c) => c.members.includes(me));
    return { status: 200, body: { convos: convos.slice(0, Number(ctx.query.get('limit') ?? 50)).map((c) => convoView(ctx, c)) } };
  },
  'chat.bsky.convo.getConvoForMembers': (ctx) => {
    const me = ctx.session!.did;
    const others = ctx.query.getAll('members').filter((d) => d !== me);
    const recipient = others[0] ? ctx.fake.net.accounts.get(others[0]) : undefined;
    if (!recipient) return bad('RecipientNotFound', 'recipient not found');
    if (recipient.allowIncoming === 'none') return bad('MessagesDisabled', 'recipient has disabled incoming messages');
    if (recipient.allowIncoming === 'following' && !recipient.follows.has(me))
      return bad('NotFollowedBySender', 'recipient requires incoming messages to come from someone they follow');
    const members = [me, recipient.did].sort();
    let convo = [...ctx.fake.chat.convos.values()].find((c) => c.members.join() === members.join());
    if (!convo) {
      convo = { id: `convo${++ctx.fake.chat.seq}`, members, messages: [] };
      ctx.fake.chat.convos.set(convo.id, convo);
    }
    return { status: 200, body: { convo: convoView(ctx, convo) } };
  },
  'chat.bsky.convo.sendMessage': (ctx) => {
    const b = (ctx.body ?? {}) as { convoId?: string; message?: { text?: unknown; facets?: unknown[] } };
    const convo = b.convoId ? ctx.fake.chat.convos.get(b.convoId) : undefined;
    if (!convo?.members.includes(ctx.session!.did)) return bad('InvalidConvo', 'Convo not found');
    const text = b.message?.text;
    if (typeof text !== 'string' || text.length === 0) return bad('InvalidRequest', 'Input/message/text must be a string');
    if (graphemes(text) > 1000 || Buffer.byteLength(text) > 10_000)
      return bad('InvalidRequest', 'Input/message/text must not be longer than 1000 graphemes');
    const message: FakeMessage = {
      id: `msg${++ctx.fake.chat.seq}`,
      rev: `r${ctx.fake.chat.seq}`,
      text,
      ...(b.message?.facets ? { facets: b.message.facets } : {}),
      sender: { did: ctx.session!.did },
      sentAt: ctx.fake.clock.now().toISOString(),
    };
    convo.messages.push(message);
    return { status: 200, body: message };
  },
  'chat.bsky.convo.getMessages': (ctx) => {
    const convo = ctx.fake.chat.convos.get(ctx.query.get('convoId') ?? '');
    if (!convo?.members.includes(ctx.session!.did)) return bad('InvalidConvo', 'Convo not found');
    const limit = Number(ctx.query.get('limit') ?? 50);
    return {
      status: 200,
      body: {
        messages: [...convo.messages]
          .reverse()
          .slice(0, limit)
          .map((m) => ({ $type: 'chat.bsky.convo.defs#messageView', ...m })),
      },
    };
  },
};
