import type { AppBskyNotificationListNotifications } from '@atproto/api';
import type { RepostInput } from '../../src/ingest/amplify.js';
import type { MentionInput } from '../../src/ingest/schema.js';
import { deliverToSink } from '../source-kit/deliver.js';
import { RepeatingTask } from '../source-kit/repeating-task.js';
import type { SourceSink } from '../source-kit/types.js';
import { listenFailure, type Listener, type ListenerDeps } from './listen-common.js';
import { amplification, postRecordSchema, postToMention, SOURCE, type PostAuthor } from './map-post.js';

type Notification = AppBskyNotificationListNotifications.Notification;

/** What the brand is told about that Klaxon reads: posts addressed to it, and reach. */
export const NOTIFICATION_REASONS = ['mention', 'reply', 'quote', 'like', 'repost'] as const;
const POST_REASONS = new Set(['mention', 'reply', 'quote']);
const PAGE_SIZE = 50;
/** Pages read in one poll before giving up on reaching the last one seen (5,000 notifications). */
const MAX_PAGES = 100;

/** The newest notification handled: its time and every notification at that same instant. */
interface Mark {
  at: number;
  uris: string[];
}

const MARK_KEY = 'notifications:mark';

function parseMark(raw: string | undefined): Mark | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as { at?: unknown; uris?: unknown };
    if (typeof value.at === 'number' && Array.isArray(value.uris))
      return { at: value.at, uris: value.uris.filter((u): u is string => typeof u === 'string') };
  } catch {
    // fall through: a damaged mark reads like a first start (latest page only)
  }
  return null;
}

/**
 * Listens by polling app.bsky.notification.listNotifications (newest first): each poll pages
 * back until it reaches the newest notification handled last time (the mark, kept in the cursor
 * store), hands what is new to the core oldest first, and only then moves the mark. A crash
 * between the two re-reads at most one poll, which the core absorbs as duplicates; a restart
 * never skips. The first start takes only the latest page, so years of history never become cases.
 */
export class NotificationPoller implements Listener {
  readonly #d: ListenerDeps;
  readonly #intervalMs: number;
  readonly #task: RepeatingTask;
  #sink: SourceSink | null = null;

  constructor(deps: ListenerDeps, intervalMs: number) {
    this.#d = deps;
    this.#intervalMs = intervalMs;
    this.#task = new RepeatingTask({
      timers: deps.timers,
      run: async () => {
        await this.pollOnce();
        return this.#intervalMs;
      },
      onError: (error, failures) => listenFailure(this.#d, error, failures, this.#intervalMs, 'Bluesky notifications'),
    });
  }

  start(sink: SourceSink): void {
    this.#sink = sink;
    this.#task.start(0);
  }

  stop(): Promise<void> {
    return this.#task.stop();
  }

  idle(): Promise<void> {
    return this.#task.idle();
  }

  /** One poll: read what is new, deliver it, move the mark. Returns how many notifications were new. */
  async pollOnce(): Promise<number> {
    const sink = this.#sink;
    if (!sink) throw new Error('the Bluesky poller was not started');
    const brand = await this.#d.session.ensure();
    const mark = parseMark(await this.#d.cursors.get(MARK_KEY));
    const fresh = await this.#readSince(mark);
    if (fresh.length === 0) return 0;
    // Oldest first: a thread's first post opens the case before its replies join it.
    const ordered = dedupe(fresh).reverse();
    const dids = ordered.map((n) => n.author.did);
    const profiles = await this.#d.profiles.lookup(dids);
    const mentions: MentionInput[] = [];
    const reach: RepostInput[] = [];
    for (const n of ordered) {
      const author: PostAuthor = profiles.get(n.author.did) ?? {
        did: n.author.did,
        handle: n.author.handle,
        displayName: n.author.displayName ?? null,
      };
      if (POST_REASONS.has(n.reason)) {
        const record = postRecordSchema.safeParse(n.record);
        const mapped = record.success
          ? postToMention({ uri: n.uri, record: record.data, author, seenAt: n.indexedAt, brandDid: brand.did })
          : { ok: false as const, reason: 'not a post record' };
        if (mapped.ok) mentions.push(mapped.mention);
        else this.#d.logger.warn('Bluesky post skipped: it does not fit the ingest format', { uri: n.uri, reason: mapped.reason });
      } else if ((n.reason === 'like' || n.reason === 'repost') && n.reasonSubject) {
        // Likes and reposts of the brand's replies count toward the customer's case they answer.
        const customerPost = await this.#d.ownPosts.answeredBy(n.reasonSubject);
        const subject = customerPost ?? (this.#d.ownPosts.isTracked(n.reasonSubject) ? n.reasonSubject : null);
        const item = subject
          ? amplification({ uri: n.uri, kind: n.reason === 'like' ? 'like' : 'repost', subjectUri: subject, author, seenAt: n.indexedAt })
          : null;
        if (item) reach.push(item);
      }
    }
    const delivered = await deliverToSink({ sink, metrics: this.#d.metrics, source: SOURCE }, mentions, reach);
    await this.#d.ownPosts.track(mentions.filter((m) => m.direction === 'inbound').map((m) => m.id));
    // Only now, with everything committed, may the mark move past these notifications.
    await this.#d.cursors.set(MARK_KEY, JSON.stringify(nextMark(mark, fresh)));
    this.#d.logger.info('Bluesky notifications read', { new: fresh.length, ...delivered });
    return fresh.length;
  }

  async #readSince(mark: Mark | null): Promise<Notification[]> {
    const { clients, session, logger } = this.#d;
    const fresh: Notification[] = [];
    let cursor: string | undefined;
    for (let page = 1; page <= MAX_PAGES; page += 1) {
      const res = await session.run(() =>
        clients.agent.app.bsky.notification.listNotifications({
          limit: PAGE_SIZE,
          reasons: [...NOTIFICATION_REASONS],
          ...(cursor ? { cursor } : {}),
        }),
      );
      const list = res.data.notifications.filter((n) => (NOTIFICATION_REASONS as readonly string[]).includes(n.reason));
      for (const n of list) {
        if (mark && isHandled(n, mark)) return fresh;
        fresh.push(n);
      }
      cursor = res.data.cursor;
      if (!mark) {
        if (fresh.length > 0)
          logger.info(`first Bluesky read: starting from the latest ${fresh.length} notifications; older ones are not imported`);
        return fresh;
      }
      if (!cursor || res.data.notifications.length === 0) return fresh;
    }
    logger.warn(`more than ${MAX_PAGES * PAGE_SIZE} Bluesky notifications since the last read; older ones may be missed: poll more often`);
    return fresh;
  }
}

function timeOf(n: Notification): number {
  const t = Date.parse(n.indexedAt);
  return Number.isNaN(t) ? 0 : t;
}

function isHandled(n: Notification, mark: Mark): boolean {
  const t = timeOf(n);
  return t < mark.at || (t === mark.at && mark.uris.includes(n.uri));
}

/** A post that both replies to and mentions the brand comes as two notifications: keep one. */
function dedupe(list: readonly Notification[]): Notification[] {
  const seen = new Set<string>();
  return list.filter((n) => {
    const key = `${POST_REASONS.has(n.reason) ? 'post' : n.reason}:${n.uri}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function nextMark(previous: Mark | null, fresh: readonly Notification[]): Mark {
  const newest = Math.max(previous?.at ?? 0, ...fresh.map(timeOf));
  const uris = [
    ...(previous && previous.at === newest ? previous.uris : []),
    ...fresh.filter((n) => timeOf(n) === newest).map((n) => n.uri),
  ];
  return { at: newest, uris: [...new Set(uris)] };
}
