import { z } from 'zod';
import { seg, type GraphClient } from './graph.js';
import type { ItemRecord } from './item-store.js';
import { toDate, type Person } from './payload.js';
import type { MetaTopic } from './webhook-route.js';

/** What a Graph read adds to a webhook event: the words, who, when, and a link. */
export interface ItemDetails {
  text: string | null;
  author: Person | null;
  createdAt: Date | null;
  url: string | null;
  mediaId?: string | null;
}

/** A Graph read: the path and its query. */
export interface ReadCall {
  path: string;
  params: Record<string, string>;
}

/** The latest messages of a conversation, newest first (Conversations API). */
const CONVERSATION_FIELDS = 'messages.limit(25){message,from,created_time}';

/** A Graph call to make for a reply. */
export interface ReplyCall {
  op: string;
  path: string;
  body: Record<string, unknown>;
}

/**
 * What differs between Facebook and Instagram on one Meta app: which webhook topic, which fields
 * to read, where a reply goes, and the platform's text limits.
 */
export interface PlatformSpec {
  source: 'facebook' | 'instagram';
  label: string;
  /** Meta's name for its direct messages, as the card says it. */
  messaging: string;
  topic: MetaTopic;
  limits: { publicReply: number; privateMessage: number };
  commentDetails(graph: GraphClient, commentId: string): Promise<ItemDetails | null>;
  postDetails(graph: GraphClient, postId: string): Promise<ItemDetails | null>;
  /** An Instagram @mention: Meta sends only ids, so this read is required. */
  mentionDetails(graph: GraphClient, ownerId: string, mediaId: string, commentId: string | null): Promise<ItemDetails | null>;
  profileName(graph: GraphClient, userId: string): Promise<string | null>;
  publicReply(item: ItemRecord, itemId: string, text: string): ReplyCall | string;
  privateReply(item: ItemRecord, itemId: string, text: string): ReplyCall | string;
  /** Where the brand's conversation with one person is read (to find a message an uncertain attempt sent). */
  conversationWith(item: ItemRecord, personId: string): ReadCall;
  directMessage(item: ItemRecord, recipientId: string, text: string): ReplyCall;
}

const id = z
  .union([z.string(), z.number()])
  .transform(String)
  .pipe(z.string().regex(/^[A-Za-z0-9_]{1,128}$/));
const link = z
  .url()
  .max(2048)
  .refine((u) => /^https:\/\//.test(u))
  .optional()
  .catch(undefined);
const words = z.string().max(200_000).optional();
const when = z.union([z.string().max(40), z.number()]).optional();

const fbObject = z.object({
  message: words,
  from: z
    .object({ id, name: z.string().max(500).optional() })
    .optional()
    .catch(undefined),
  created_time: when,
  permalink_url: link,
});
const igComment = z.object({
  text: words,
  caption: words,
  timestamp: when,
  username: z.string().max(200).optional(),
  from: z
    .object({ id, username: z.string().max(200).optional() })
    .optional()
    .catch(undefined),
  media: z.object({ id, permalink: link }).optional().catch(undefined),
  permalink: link,
});
const profile = z.object({
  name: z.string().max(500).optional(),
  first_name: z.string().max(200).optional(),
  last_name: z.string().max(200).optional(),
  username: z.string().max(200).optional(),
});

function fbDetails(raw: unknown): ItemDetails | null {
  const d = fbObject.safeParse(raw);
  if (!d.success) return null;
  return {
    text: d.data.message ?? null,
    author: d.data.from ?? null,
    createdAt: d.data.created_time === undefined ? null : toDate(d.data.created_time, new Date(Number.NaN)),
    url: d.data.permalink_url ?? null,
  };
}

function igDetails(raw: unknown): ItemDetails | null {
  const d = igComment.safeParse(raw);
  if (!d.success) return null;
  const username = d.data.from?.username ?? d.data.username;
  const author = d.data.from ? { id: d.data.from.id, ...(username ? { username } : {}) } : null;
  return {
    text: d.data.text ?? d.data.caption ?? null,
    author,
    createdAt: d.data.timestamp === undefined ? null : toDate(d.data.timestamp, new Date(Number.NaN)),
    url: d.data.media?.permalink ?? d.data.permalink ?? null,
    mediaId: d.data.media?.id ?? null,
  };
}

/** A date that did not parse is no date. */
function clean(details: ItemDetails | null): ItemDetails | null {
  if (details?.createdAt && Number.isNaN(details.createdAt.getTime())) return { ...details, createdAt: null };
  return details;
}

export const FACEBOOK: PlatformSpec = {
  source: 'facebook',
  label: 'Facebook',
  messaging: 'Messenger',
  topic: 'page',
  // Messenger text messages: 2,000 characters; comments: 8,000.
  limits: { publicReply: 8000, privateMessage: 2000 },
  async commentDetails(graph, commentId) {
    return clean(
      fbDetails(
        await graph.read('facebook', 'comment', seg(commentId), { fields: 'id,message,from,created_time,permalink_url' }, 'optional-read'),
      ),
    );
  },
  async postDetails(graph, postId) {
    return clean(
      fbDetails(
        await graph.read('facebook', 'post', seg(postId), { fields: 'id,message,from,created_time,permalink_url' }, 'optional-read'),
      ),
    );
  },
  async mentionDetails() {
    return null;
  },
  async profileName(graph, userId) {
    const p = profile.safeParse(
      await graph.read('facebook', 'profile', seg(userId), { fields: 'name,first_name,last_name' }, 'optional-read'),
    );
    if (!p.success) return null;
    return p.data.name ?? ([p.data.first_name, p.data.last_name].filter(Boolean).join(' ') || null);
  },
  publicReply(item, itemId, text) {
    if (item.kind === 'message') return 'A Messenger conversation is private: reply with a private message.';
    // A reply to a comment, or a comment on the visitor's post: both are POST /{object}/comments.
    return { op: 'comment_reply', path: `${seg(itemId)}/comments`, body: { message: text } };
  },
  privateReply(item, itemId, text) {
    if (item.kind !== 'comment' && item.kind !== 'post') return 'Only comments and visitor posts can be answered with a private reply.';
    const recipient = item.kind === 'comment' ? { comment_id: itemId } : { post_id: itemId };
    return { op: 'private_reply', path: `${seg(item.ownerId)}/messages`, body: { recipient, message: { text } } };
  },
  directMessage(item, recipientId, text) {
    return {
      op: 'message',
      path: `${seg(item.ownerId)}/messages`,
      body: { recipient: { id: recipientId }, messaging_type: 'RESPONSE', message: { text } },
    };
  },
  conversationWith(item, personId) {
    return { path: `${seg(item.ownerId)}/conversations`, params: { user_id: personId, fields: CONVERSATION_FIELDS } };
  },
};

export const INSTAGRAM: PlatformSpec = {
  source: 'instagram',
  label: 'Instagram',
  messaging: 'Instagram Direct',
  topic: 'instagram',
  // Instagram comments: 2,200 characters; Direct messages through the messaging API: 1,000.
  limits: { publicReply: 2200, privateMessage: 1000 },
  async commentDetails(graph, commentId) {
    return clean(
      igDetails(
        await graph.read(
          'instagram',
          'comment',
          seg(commentId),
          { fields: 'id,text,timestamp,username,from,media{id,permalink}' },
          'optional-read',
        ),
      ),
    );
  },
  async postDetails() {
    return null;
  },
  async mentionDetails(graph, ownerId, mediaId, commentId) {
    const fields = commentId
      ? `mentioned_comment.comment_id(${commentId}){id,text,timestamp,username,from,media{id,permalink}}`
      : `mentioned_media.media_id(${mediaId}){id,caption,timestamp,username,permalink}`;
    const answer = await graph.read<Record<string, unknown>>(
      'instagram',
      commentId ? 'mentioned_comment' : 'mentioned_media',
      seg(ownerId),
      { fields },
      'read',
    );
    const inner = answer?.[commentId ? 'mentioned_comment' : 'mentioned_media'];
    const details = clean(igDetails(inner));
    return details ? { ...details, mediaId: details.mediaId ?? mediaId } : null;
  },
  async profileName(graph, userId) {
    const p = profile.safeParse(await graph.read('instagram', 'profile', seg(userId), { fields: 'name,username' }, 'optional-read'));
    if (!p.success) return null;
    return p.data.name ?? p.data.username ?? null;
  },
  publicReply(item, itemId, text) {
    switch (item.kind) {
      case 'comment':
        return { op: 'comment_reply', path: `${seg(itemId)}/replies`, body: { message: text } };
      case 'mention':
        // A comment on someone else's media that @mentions the account is answered through the account.
        return {
          op: 'mention_reply',
          path: `${seg(item.ownerId)}/mentions`,
          body: { comment_id: itemId, media_id: item.mediaId, message: text },
        };
      case 'media_mention':
        return { op: 'mention_reply', path: `${seg(item.ownerId)}/mentions`, body: { media_id: itemId, message: text } };
      default:
        return 'An Instagram Direct conversation is private: reply with a private message.';
    }
  },
  privateReply(item, itemId, text) {
    if (item.kind !== 'comment') return "Instagram allows a private reply only to a comment on the account's own posts.";
    // Messenger API for Instagram: with a Page token, /me is the Page linked to the account.
    return { op: 'private_reply', path: 'me/messages', body: { recipient: { comment_id: itemId }, message: { text } } };
  },
  directMessage(_item, recipientId, text) {
    return { op: 'message', path: 'me/messages', body: { recipient: { id: recipientId }, message: { text } } };
  },
  conversationWith(_item, personId) {
    // Instagram conversations are listed through the linked Page, asked for by platform.
    return { path: 'me/conversations', params: { platform: 'instagram', user_id: personId, fields: CONVERSATION_FIELDS } };
  },
};
