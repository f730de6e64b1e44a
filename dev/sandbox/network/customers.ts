import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { sampleMentions } from '../samples.js';
import type { PublicFeed } from './feed.js';
import { klaxonSignatureHeaders } from './klaxon-signature.js';

/** The page's "new mention" form. */
export const mentionFormSchema = z.object({
  // `jane`, `jane.bsky.social`, `jane@mastodon.social`, or an e-mail address.
  handle: z
    .string()
    .trim()
    .regex(
      /^@?([A-Za-z0-9_.+-]{1,64}(@[A-Za-z0-9.-]{1,190})?)?$/,
      'must be a handle such as @jane, jane.bsky.social, jane@mastodon.social or an e-mail address',
    )
    .optional(),
  name: z.string().trim().max(200).optional(),
  followers: z.coerce.number().int().min(0).max(1_000_000_000).optional(),
  verified: z.boolean().optional(),
  vip: z.boolean().optional(),
  text: z.string().trim().min(1, 'write what the customer said').max(50_000),
  source: z
    .string()
    .regex(/^[a-z0-9_-]{1,32}$/, 'must be a source such as twitter or email')
    .default('twitter'),
  /** Backdating: how long ago the customer wrote it (the SLA clock starts then). */
  minutesAgo: z.coerce
    .number()
    .min(0)
    .max(14 * 24 * 60)
    .default(0),
  private: z.boolean().optional(),
});
export type MentionForm = z.infer<typeof mentionFormSchema>;

export interface IngestAnswer {
  status: number;
  body: unknown;
}

export interface CustomersDeps {
  ingestUrl: () => string;
  /** When set, `/ingest` wants signed requests; the sandbox signs like any outside system. */
  ingestSecret: string | undefined;
  now: () => Date;
  feed: PublicFeed;
  /** Puts a handle on the VIP list, through the same command a lead would type. */
  addVip: (handle: string) => Promise<void>;
}

/**
 * The customers' side: mentions written in the page's form and the replayed samples go to the
 * app's real `POST /ingest`, exactly as a webhook source would send them.
 */
export class Customers {
  readonly #run = randomBytes(3).toString('hex');
  #counter = 0;

  constructor(private readonly deps: CustomersDeps) {}

  async #ingest(mentions: Record<string, unknown>[]): Promise<IngestAnswer> {
    const body = JSON.stringify(mentions.length === 1 ? mentions[0] : { mentions });
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.deps.ingestSecret) Object.assign(headers, klaxonSignatureHeaders(this.deps.ingestSecret, body, this.deps.now()));
    const res = await fetch(this.deps.ingestUrl(), { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // keep the text
    }
    if (res.status === 202) for (const m of mentions) this.deps.feed.addMention(m);
    return { status: res.status, body: parsed };
  }

  async mention(form: MentionForm): Promise<IngestAnswer & { id: string }> {
    this.#counter += 1;
    const id = `sandbox-${this.#run}-${this.#counter}`;
    const handle = form.handle?.replace(/^@/, '') || undefined;
    // The VIP list holds plain handles; an address (jane@mastodon.social) cannot be one.
    if (form.vip && handle && !handle.includes('@')) await this.deps.addVip(handle);
    const createdAt = new Date(this.deps.now().getTime() - form.minutesAgo * 60_000).toISOString();
    const mention = {
      id,
      source: form.source,
      author: {
        id: handle ? `id-${handle}` : `id-${id}`,
        ...(handle ? { handle } : {}),
        ...(form.name ? { name: form.name } : {}),
        ...(form.followers !== undefined ? { followers: form.followers } : {}),
        ...(form.verified ? { verified: true } : {}),
      },
      text: form.text,
      createdAt,
      // E-mail is private by nature: its answers go by e-mail, never in public.
      ...(form.private || form.source === 'email' ? { private: true } : {}),
    };
    return { ...(await this.#ingest([mention])), id };
  }

  /**
   * Sends every sample at once. Their ids never change, so a second replay (or one after a
   * restart on the same database) is answered as duplicates and adds no second set of cases, as
   * any source re-sending the same messages would be.
   */
  async replay(): Promise<IngestAnswer> {
    return this.#ingest(sampleMentions(this.deps.now(), 'sample'));
  }
}
