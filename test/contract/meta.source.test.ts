import type { MetaSourceAdapter } from '../../adapters/meta/index.js';
import { APP_SECRET, PAGE_TOKEN, startMetaWorld, VERIFY_TOKEN, type MetaWorld } from '../meta/world.js';
import { fbComment, igComment, type Payload } from '../meta/payloads.js';
import { capturedLines } from '../sources/logs.js';
import { memoryWorld } from '../sources/world-kit.js';
import { sourceContract, type SourceWorld } from './source.contract.js';

/**
 * Facebook and Instagram: the customer comments on the brand's post, Meta delivers it signed to
 * the real POST /webhooks/meta, and replies go through the loopback Graph API (a comment reply in
 * public, Messenger's or Instagram's private reply in private).
 */
function metaWorld(w: MetaWorld, platform: 'facebook' | 'instagram'): SourceWorld {
  const jane = platform === 'facebook' ? w.graph.store.fbUser('Jane Doe') : w.graph.store.igUser('jane.doe', 'Jane Doe');
  const store = w.graph.store;
  /** Each new item comments on a post of its own (two comments on one post are one conversation). */
  const brandPost = (): string => {
    const id = store.nextId();
    const at = new Date(store.now().getTime() - 3_600_000);
    if (platform === 'facebook') {
      store.fbPosts.set(`${store.page.id}_${id}`, {
        id: `${store.page.id}_${id}`,
        from: { ...store.page },
        message: `Announcement ${id}`,
        createdAt: at,
      });
      return `${store.page.id}_${id}`;
    }
    store.igMedia.set(`18000000000${id.padStart(7, '0')}`, {
      id: `18000000000${id.padStart(7, '0')}`,
      ownerUsername: store.ig.username,
      caption: `Announcement ${id}`,
      createdAt: at,
    });
    return `18000000000${id.padStart(7, '0')}`;
  };
  const parentOf = (id: string): string | undefined =>
    platform === 'facebook' ? store.fbComments.get(id)?.postId : store.igComments.get(id)?.mediaId;
  const comment = (text: string, parentId?: string): { id: string; payload: Payload } => {
    const on = parentId ? parentOf(parentId) : brandPost();
    return platform === 'facebook'
      ? fbComment(store, { from: jane as ReturnType<typeof store.fbUser>, message: text, postId: on, parentId })
      : igComment(store, { from: jane as ReturnType<typeof store.igUser>, text, mediaId: on, parentId });
  };
  const deliver = async (item: { id: string; payload: Payload }) => {
    const res = await w.deliver(item.payload);
    if (res.status !== 200) throw new Error(`/webhooks/meta answered ${res.status}`);
    return item.id;
  };
  return memoryWorld({
    core: w.core,
    logs: capturedLines(w.rawLogs),
    metrics: w.metrics,
    secrets: [APP_SECRET, VERIFY_TOKEN, PAGE_TOKEN],
    hasPublicReply: true,
    adapter: () => (platform === 'facebook' ? w.facebook() : w.instagram()),
    settle: (adapter) => w.settle(adapter as MetaSourceAdapter),
    customerWrites: (text) => deliver(comment(text)),
    customerFollowsUp: (previous, text) => deliver(comment(text, previous)),
    publicReplies: () => w.graph.store.replies.filter((r) => r.platform === platform).map((r) => r.text),
    privateMessages: () => w.graph.store.sent.filter((m) => m.platform === platform).map((m) => m.text),
    // "This person isn't available right now" (551): what Meta answers when the person cannot be messaged.
    refuseNextReply: () => w.graph.refuseNextPrivate(),
    // Business Use Case throttling, with the usage header saying when access returns (in minutes).
    rateLimitNextWrite: (resetInMs) => w.graph.throttleNext(80002, { status: 400, regainMinutes: Math.ceil(resetInMs / 60_000) }),
    close: () => w.close(),
  });
}

sourceContract('Facebook', async () => metaWorld(await startMetaWorld(), 'facebook'));
sourceContract('Instagram', async () => metaWorld(await startMetaWorld(), 'instagram'));
