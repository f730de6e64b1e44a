import { z } from 'zod';
import { postRecordSchema, quotedUri, type PostRecord } from './map-post.js';

/** A Jetstream commit event (the parts Klaxon reads). */
export const jetstreamEventSchema = z.object({
  did: z.string(),
  time_us: z.number(),
  kind: z.literal('commit'),
  commit: z.object({
    operation: z.string(),
    collection: z.string(),
    rkey: z.string(),
    cid: z.string().optional(),
    record: z.unknown().optional(),
  }),
});
export type JetstreamEvent = z.infer<typeof jetstreamEventSchema>;

export const POST = 'app.bsky.feed.post';
export const LIKE = 'app.bsky.feed.like';
export const REPOST = 'app.bsky.feed.repost';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Picks the posts that concern the brand out of the whole network's stream (Jetstream filters only
 * by collection and author). Most frames are dropped by a substring test on the raw text — the
 * brand's DID (in a mention facet, or in the URI of the brand's post that is replied to or
 * quoted), its @handle, or a tracked post's URI — before any JSON is parsed; the few that pass are
 * parsed and checked properly.
 */
export class BrandFilter {
  readonly #did: string;
  readonly #handleText: RegExp;
  readonly #handleWord: RegExp;

  constructor(brand: { did: string; handle: string }) {
    this.#did = brand.did;
    this.#handleText = new RegExp(`@${escapeRegExp(brand.handle)}`, 'i');
    // In the text: "@acme.bsky.social" on its own, not the start of "@acme.bsky.social.example".
    this.#handleWord = new RegExp(`(^|[\\s(\\[{"'])@${escapeRegExp(brand.handle)}(?![a-z0-9-]|\\.[a-z0-9])`, 'i');
  }

  /** Cheap test on the raw frame: might this post concern the brand? */
  mightConcernBrand(frame: string): boolean {
    return frame.includes(this.#did) || this.#handleText.test(frame);
  }

  /** The parsed check: the post mentions, replies to (in the brand's thread) or quotes the brand. */
  concernsBrand(record: PostRecord): boolean {
    const own = `at://${this.#did}/`;
    if (
      record.facets?.some((f) =>
        f.features.some((feature) => feature.$type === 'app.bsky.richtext.facet#mention' && feature.did === this.#did),
      )
    )
      return true;
    if (record.reply && (record.reply.parent.uri.startsWith(own) || record.reply.root.uri.startsWith(own))) return true;
    if (quotedUri(record)?.startsWith(own)) return true;
    return this.#handleWord.test(record.text);
  }
}

/** AT-URIs in a raw frame, for matching likes and reposts against tracked posts without parsing. */
export function atUrisIn(frame: string): string[] {
  return [...frame.matchAll(/"(at:\/\/[^"\\]{1,600})"/g)].map((m) => m[1]!);
}

/** `time_us` of a raw frame without parsing it (Jetstream writes it on every event). */
export function frameTime(frame: string): number | null {
  const match = /"time_us":(\d{1,20})/.exec(frame);
  return match ? Number(match[1]) : null;
}

export function parsePost(record: unknown): PostRecord | null {
  const parsed = postRecordSchema.safeParse(record);
  return parsed.success ? parsed.data : null;
}

/** The subject of a like or repost record. */
export function subjectOf(record: unknown): string | null {
  const subject = (record as { subject?: { uri?: unknown } } | undefined)?.subject;
  return typeof subject?.uri === 'string' ? subject.uri : null;
}
