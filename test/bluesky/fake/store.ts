import { cidFor, didFor, tidFor } from './ids.js';

export interface FakeAccount {
  did: string;
  handle: string;
  displayName: string;
  followers: number;
  verified: boolean;
  /** App passwords that log in as this account, and whether each may use direct messages. */
  appPasswords: Map<string, { dm: boolean }>;
  /** Who may open a chat with this account (Bluesky's chat setting). */
  allowIncoming: 'all' | 'following' | 'none';
  follows: Set<string>;
}

export interface FakeFacet {
  index: { byteStart: number; byteEnd: number };
  features: { $type: string; did?: string; uri?: string; tag?: string }[];
}

export interface PostRecordJson {
  $type: 'app.bsky.feed.post';
  text: string;
  facets?: FakeFacet[];
  reply?: { root: { uri: string; cid: string }; parent: { uri: string; cid: string } };
  embed?: Record<string, unknown>;
  createdAt: string;
  [key: string]: unknown;
}

export interface FakeRecord {
  uri: string;
  cid: string;
  did: string;
  collection: string;
  rkey: string;
  value: Record<string, unknown>;
  indexedAt: string;
  seq: number;
}

export interface FakeNotification {
  recipient: string;
  uri: string;
  cid: string;
  authorDid: string;
  reason: string;
  reasonSubject?: string;
  record: Record<string, unknown>;
  indexedAt: string;
  seq: number;
}

export interface JetstreamEventJson {
  did: string;
  time_us: number;
  kind: 'commit';
  commit: { rev: string; operation: 'create'; collection: string; rkey: string; record: Record<string, unknown>; cid: string };
}

/**
 * What the fake network holds: accounts, repositories of records, the brand's notifications as
 * the AppView derives them (mention, reply, quote, like, repost) and the Jetstream event log.
 */
export class FakeNetwork {
  readonly accounts = new Map<string, FakeAccount>();
  readonly records = new Map<string, FakeRecord>();
  readonly notifications: FakeNotification[] = [];
  readonly events: JetstreamEventJson[] = [];
  /** Posts whose author limits who may reply (a threadgate the brand is not in). */
  readonly threadgated = new Set<string>();
  #seq = 0;
  #lastMicros = 0n;

  constructor(private readonly now: () => Date) {}

  addAccount(options: {
    handle: string;
    displayName?: string;
    followers?: number;
    verified?: boolean;
    allowIncoming?: FakeAccount['allowIncoming'];
  }): FakeAccount {
    const account: FakeAccount = {
      did: didFor(options.handle),
      handle: options.handle,
      displayName: options.displayName ?? options.handle.split('.')[0]!,
      followers: options.followers ?? 0,
      verified: options.verified ?? false,
      appPasswords: new Map(),
      allowIncoming: options.allowIncoming ?? 'all',
      follows: new Set(),
    };
    this.accounts.set(account.did, account);
    return account;
  }

  byHandle(handle: string): FakeAccount | undefined {
    return [...this.accounts.values()].find((a) => a.handle.toLowerCase() === handle.toLowerCase());
  }

  /** Stores a record in `did`'s repository, derives notifications and a Jetstream event. */
  write(did: string, collection: string, value: Record<string, unknown>, rkey?: string): FakeRecord {
    const micros = this.#micros();
    const key = rkey ?? tidFor(micros, this.#seq);
    const uri = `at://${did}/${collection}/${key}`;
    const record: FakeRecord = {
      uri,
      cid: cidFor(`${uri}|${JSON.stringify(value)}`),
      did,
      collection,
      rkey: key,
      value,
      indexedAt: this.now().toISOString(),
      seq: ++this.#seq,
    };
    this.records.set(uri, record);
    this.#notify(record);
    this.events.push({
      did,
      time_us: Number(micros),
      kind: 'commit',
      commit: { rev: tidFor(micros, 7), operation: 'create', collection, rkey: key, record: value, cid: record.cid },
    });
    return record;
  }

  /** Strictly increasing microseconds on the test's clock (several writes may share one instant). */
  #micros(): bigint {
    const base = BigInt(this.now().getTime()) * 1000n;
    this.#lastMicros = base > this.#lastMicros ? base : this.#lastMicros + 1n;
    return this.#lastMicros;
  }

  #notify(record: FakeRecord): void {
    const push = (recipient: string, reason: string, reasonSubject?: string) => {
      if (recipient === record.did) return;
      if (this.notifications.some((n) => n.recipient === recipient && n.uri === record.uri && n.reason === reason)) return;
      this.notifications.push({
        recipient,
        uri: record.uri,
        cid: record.cid,
        authorDid: record.did,
        reason,
        ...(reasonSubject ? { reasonSubject } : {}),
        record: record.value,
        indexedAt: record.indexedAt,
        seq: record.seq,
      });
    };
    const authorOf = (uri: string) => /^at:\/\/([^/]+)\//.exec(uri)?.[1];
    const v = record.value as Partial<PostRecordJson> & { subject?: { uri: string } };
    if (record.collection === 'app.bsky.feed.post') {
      const parent = v.reply?.parent.uri;
      if (parent) push(authorOf(parent)!, 'reply', parent);
      const root = v.reply?.root.uri;
      if (root && root !== parent) push(authorOf(root)!, 'reply', root);
      const quoted = (v.embed as { record?: { uri?: string } } | undefined)?.record?.uri;
      if (quoted) push(authorOf(quoted)!, 'quote', quoted);
      for (const facet of v.facets ?? [])
        for (const f of facet.features) if (f.$type === 'app.bsky.richtext.facet#mention' && f.did) push(f.did, 'mention');
    } else if ((record.collection === 'app.bsky.feed.like' || record.collection === 'app.bsky.feed.repost') && v.subject) {
      push(authorOf(v.subject.uri)!, record.collection.endsWith('like') ? 'like' : 'repost', v.subject.uri);
    }
  }
}
