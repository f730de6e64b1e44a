import { z } from 'zod';
import type { RepostInput } from '../../src/ingest/amplify.js';
import { mentionSchema, type MentionInput } from '../../src/ingest/schema.js';

export const SOURCE = 'bluesky';

/** `at://did:plc:abc/app.bsky.feed.post/3kxyz` → its parts; null for anything else. */
export function parseAtUri(uri: string): { did: string; collection: string; rkey: string } | null {
  const match = /^at:\/\/(did:[a-z0-9]+:[a-zA-Z0-9._:%-]+)\/([a-zA-Z0-9.-]+)\/([a-zA-Z0-9._:~-]{1,512})$/.exec(uri);
  return match ? { did: match[1]!, collection: match[2]!, rkey: match[3]! } : null;
}

/** The post's page on bsky.app (the handle when it is known and valid, else the DID). */
export function postUrl(uri: string, handle: string | null | undefined): string | undefined {
  const parts = parseAtUri(uri);
  if (!parts) return undefined;
  const who = handle && handle !== 'handle.invalid' ? handle : parts.did;
  return `https://bsky.app/profile/${encodeURIComponent(who)}/post/${encodeURIComponent(parts.rkey)}`;
}

const strongRef = z.object({ uri: z.string(), cid: z.string() });

/** The parts of an app.bsky.feed.post record Klaxon reads; anything else in it is ignored. */
export const postRecordSchema = z.object({
  text: z.string(),
  facets: z
    .array(
      z.object({
        index: z.object({ byteStart: z.number(), byteEnd: z.number() }),
        features: z.array(z.looseObject({ $type: z.string() })),
      }),
    )
    .optional()
    .catch(undefined),
  reply: z.object({ root: strongRef, parent: strongRef }).optional().catch(undefined),
  embed: z.looseObject({ $type: z.string() }).optional().catch(undefined),
  createdAt: z.string(),
});
export type PostRecord = z.infer<typeof postRecordSchema>;

export interface PostAuthor {
  did: string;
  handle?: string | null;
  displayName?: string | null;
  followers?: number | null;
  verified?: boolean;
}

/** The post another post quotes (app.bsky.embed.record, or with media), if any. */
export function quotedUri(record: PostRecord): string | null {
  const embed = record.embed as { $type: string; record?: { uri?: unknown; record?: { uri?: unknown } } } | undefined;
  if (!embed) return null;
  if (embed.$type === 'app.bsky.embed.record' && typeof embed.record?.uri === 'string') return embed.record.uri;
  if (embed.$type === 'app.bsky.embed.recordWithMedia' && typeof embed.record?.record?.uri === 'string') return embed.record.record.uri;
  return null;
}

/** Words for a post with no text (an image or a quote alone), so the card says what arrived. */
function describeEmbed(record: PostRecord): string {
  const type = record.embed?.$type ?? '';
  if (type.startsWith('app.bsky.embed.images')) return '(a post with images and no text)';
  if (type.startsWith('app.bsky.embed.video')) return '(a post with a video and no text)';
  if (type.startsWith('app.bsky.embed.external')) return '(a post with a link and no text)';
  if (type.startsWith('app.bsky.embed.record')) return '(a quote with no text)';
  return '(a post with no text)';
}

function authorOf(author: PostAuthor): MentionInput['author'] {
  // A handle longer than the ingest allows is left out: the DID still identifies the person.
  const handle = author.handle && author.handle !== 'handle.invalid' && author.handle.length <= 100 ? author.handle : undefined;
  return {
    id: author.did,
    ...(handle ? { handle } : {}),
    ...(author.displayName?.trim() ? { name: author.displayName.trim().slice(0, 200) } : {}),
    ...(typeof author.followers === 'number' ? { followers: author.followers } : {}),
    ...(author.verified ? { verified: true } : {}),
  };
}

export type Mapped = { ok: true; mention: MentionInput } | { ok: false; reason: string };

/**
 * A Bluesky post as a mention. Its id is the post's AT-URI (stable, unique); the conversation is
 * the thread's root, so a customer's follow-ups — also those answering the brand's reply — join
 * the case. `seenAt` is when Bluesky indexed it: the record's own createdAt is written by the
 * poster's app and may be backdated or in the future, which would start the SLA clock wrongly.
 */
export function postToMention(input: { uri: string; record: PostRecord; author: PostAuthor; seenAt: string; brandDid: string }): Mapped {
  const { uri, record, author } = input;
  const text = record.text.trim() ? record.text : describeEmbed(record);
  const raw = {
    id: uri,
    source: SOURCE,
    direction: author.did === input.brandDid ? 'outbound' : 'inbound',
    author: authorOf(author),
    text,
    url: postUrl(uri, author.handle),
    createdAt: input.seenAt,
    ...(record.reply ? { inReplyTo: record.reply.parent.uri } : {}),
    conversationId: record.reply?.root.uri ?? uri,
    private: false,
  };
  const parsed = mentionSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ') };
  return { ok: true, mention: parsed.data };
}

/**
 * A like or a repost of a post Klaxon has a case for: reach for that case, never a case of its
 * own. `subjectUri` is the customer's post the case is about.
 */
export function amplification(input: {
  uri: string;
  kind: 'like' | 'repost';
  subjectUri: string;
  author: PostAuthor;
  seenAt: string;
}): RepostInput | null {
  const parsed = mentionSchema.safeParse({
    id: input.uri,
    source: SOURCE,
    author: authorOf(input.author),
    text: input.kind === 'like' ? '(liked the post)' : '(reposted the post)',
    url: postUrl(input.subjectUri, null),
    createdAt: input.seenAt,
  });
  return parsed.success ? { mention: parsed.data, originalId: input.subjectUri } : null;
}
