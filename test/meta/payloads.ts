import type { FbUser, GraphStore, IgUser } from './fake-graph/store.js';

/**
 * Webhook deliveries as Meta builds them, from what a customer did in the fake Graph's store (so
 * the Graph reads that follow find the same comment, post or message).
 */

/**
 * JSON as Meta writes the bytes it signs: every non-ASCII character escaped as \uXXXX (a surrogate
 * pair as two escapes) and "/" as "\/". The signature covers these exact bytes.
 */
export function metaJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\//g, '\\/')
    .replace(/[\u007f-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const secs = (d: Date) => Math.floor(d.getTime() / 1000);

export type Payload = Record<string, unknown>;

export function pageChange(store: GraphStore, value: Record<string, unknown>, at: Date): Payload {
  return { object: 'page', entry: [{ id: store.page.id, time: secs(at), changes: [{ field: 'feed', value }] }] };
}

/** A customer comments on the Page's post (or answers a comment); the comment exists in the fake. */
export function fbComment(
  store: GraphStore,
  o: { from: FbUser; message: string; postId?: string; parentId?: string; at?: Date },
): { id: string; payload: Payload } {
  const at = o.at ?? store.now();
  const postId = o.postId ?? `${store.page.id}_500`;
  const id = `500_${store.nextId()}`;
  store.fbComments.set(id, {
    id,
    postId,
    parentId: o.parentId ?? null,
    from: { id: o.from.id, name: o.from.name },
    message: o.message,
    createdAt: at,
  });
  const value = {
    from: { id: o.from.id, name: o.from.name },
    post: {
      status_type: 'added_photos',
      is_published: true,
      updated_time: at.toISOString(),
      permalink_url: `https://www.facebook.com/${postId}`,
      promotion_status: 'inactive',
      id: postId,
    },
    message: o.message,
    post_id: postId,
    comment_id: id,
    created_time: secs(at),
    item: 'comment',
    parent_id: o.parentId ?? postId,
    verb: 'add',
  };
  return { id, payload: pageChange(store, value, at) };
}

export function fbCommentEdit(store: GraphStore, id: string, message: string): Payload {
  const c = store.fbComments.get(id)!;
  c.message = message;
  return pageChange(
    store,
    {
      from: c.from,
      message,
      post_id: c.postId,
      comment_id: id,
      created_time: secs(c.createdAt),
      item: 'comment',
      parent_id: c.parentId ?? c.postId,
      verb: 'edited',
    },
    store.now(),
  );
}

/** The Page itself answered on Facebook (outside Klaxon). */
export function fbPageReply(store: GraphStore, parentId: string, message: string): { id: string; payload: Payload } {
  const parent = store.fbComments.get(parentId)!;
  const id = `500_${store.nextId()}`;
  const at = store.now();
  store.fbComments.set(id, { id, postId: parent.postId, parentId, from: { ...store.page }, message, createdAt: at });
  return {
    id,
    payload: pageChange(
      store,
      {
        from: { ...store.page },
        message,
        post_id: parent.postId,
        comment_id: id,
        created_time: secs(at),
        item: 'comment',
        parent_id: parentId,
        verb: 'add',
      },
      at,
    ),
  };
}

/** A visitor post on the Page. */
export function fbVisitorPost(store: GraphStore, o: { from: FbUser; message: string; at?: Date }): { id: string; payload: Payload } {
  const at = o.at ?? store.now();
  const id = `${store.page.id}_${store.nextId()}`;
  store.fbPosts.set(id, { id, from: { id: o.from.id, name: o.from.name }, message: o.message, createdAt: at });
  return {
    id,
    payload: pageChange(
      store,
      {
        from: { id: o.from.id, name: o.from.name },
        message: o.message,
        post_id: id,
        created_time: secs(at),
        item: 'status',
        verb: 'add',
        published: 1,
      },
      at,
    ),
  };
}

export function fbReaction(store: GraphStore, o: { from: FbUser; targetId: string; reaction?: string }): Payload {
  const c = store.fbComments.get(o.targetId);
  return pageChange(
    store,
    {
      from: { id: o.from.id, name: o.from.name },
      post_id: c?.postId ?? o.targetId,
      ...(c ? { comment_id: o.targetId } : {}),
      created_time: secs(store.now()),
      item: 'reaction',
      parent_id: c?.postId ?? o.targetId,
      reaction_type: o.reaction ?? 'angry',
      verb: 'add',
    },
    store.now(),
  );
}

export function fbShare(store: GraphStore, o: { from: FbUser; postId: string }): Payload {
  return pageChange(
    store,
    {
      from: { id: o.from.id, name: o.from.name },
      post_id: o.postId,
      share_id: store.nextId(),
      created_time: secs(store.now()),
      item: 'share',
      verb: 'add',
    },
    store.now(),
  );
}

function messaging(object: 'page' | 'instagram', ownerId: string, event: Record<string, unknown>, at: Date): Payload {
  return { object, entry: [{ id: ownerId, time: at.getTime(), messaging: [event] }] };
}

/** A Messenger message from a customer: opens (or renews) the 24-hour window in the fake. */
export function fbMessage(
  store: GraphStore,
  o: { from: FbUser; text?: string; at?: Date; attachments?: string[]; replyTo?: string },
): { mid: string; payload: Payload } {
  const at = o.at ?? store.now();
  const mid = `m_${store.nextId()}AbC-_`;
  store.lastMessageFrom.set(o.from.id, at);
  const message = {
    mid,
    ...(o.text !== undefined ? { text: o.text } : {}),
    ...(o.attachments ? { attachments: o.attachments.map((type) => ({ type, payload: { url: `https://cdn.example/${type}` } })) } : {}),
    ...(o.replyTo ? { reply_to: { mid: o.replyTo } } : {}),
  };
  return {
    mid,
    payload: messaging(
      'page',
      store.page.id,
      { sender: { id: o.from.id }, recipient: { id: store.page.id }, timestamp: at.getTime(), message },
      at,
    ),
  };
}

/** The echo Meta sends of a message the Page sent (from Klaxon, or from Meta's inbox). */
export function fbEcho(store: GraphStore, o: { to: string; text: string; appId?: string }): { mid: string; payload: Payload } {
  const at = store.now();
  const mid = `m_${store.nextId()}echo`;
  return {
    mid,
    payload: messaging(
      'page',
      store.page.id,
      {
        sender: { id: store.page.id },
        recipient: { id: o.to },
        timestamp: at.getTime(),
        message: { mid, is_echo: true, app_id: o.appId ?? '263902037430900', text: o.text },
      },
      at,
    ),
  };
}

export function fbMessageEdit(store: GraphStore, o: { from: FbUser; mid: string; text: string }): Payload {
  const at = store.now();
  return messaging(
    'page',
    store.page.id,
    {
      sender: { id: o.from.id },
      recipient: { id: store.page.id },
      timestamp: at.getTime(),
      message_edit: { mid: o.mid, text: o.text, num_edit: 1 },
    },
    at,
  );
}

function igChange(store: GraphStore, field: string, value: Record<string, unknown>, at: Date): Payload {
  return { object: 'instagram', entry: [{ id: store.ig.id, time: secs(at), changes: [{ field, value }] }] };
}

/** A comment on the account's own media. */
export function igComment(
  store: GraphStore,
  o: { from: IgUser; text: string; mediaId?: string; parentId?: string; at?: Date },
): { id: string; payload: Payload } {
  const at = o.at ?? store.now();
  const mediaId = o.mediaId ?? '18000000000000500';
  const id = `178${store.nextId().padStart(14, '0')}`;
  store.igComments.set(id, {
    id,
    mediaId,
    parentId: o.parentId ?? null,
    from: { id: o.from.id, username: o.from.username },
    text: o.text,
    createdAt: at,
  });
  return {
    id,
    payload: igChange(
      store,
      'comments',
      {
        from: { id: o.from.id, username: o.from.username },
        media: { id: mediaId, media_product_type: 'FEED' },
        id,
        ...(o.parentId ? { parent_id: o.parentId } : {}),
        text: o.text,
      },
      at,
    ),
  };
}

/** A comment on someone else's media that @mentions the account: Meta sends only the ids. */
export function igMentionComment(store: GraphStore, o: { from: IgUser; text: string }): { id: string; mediaId: string; payload: Payload } {
  const at = store.now();
  const mediaId = `179${store.nextId().padStart(14, '0')}`;
  store.igMedia.set(mediaId, { id: mediaId, ownerUsername: 'someone.else', caption: 'Stuck at the station again', createdAt: at });
  const id = `178${store.nextId().padStart(14, '0')}`;
  store.igComments.set(id, {
    id,
    mediaId,
    parentId: null,
    from: { id: o.from.id, username: o.from.username },
    text: o.text,
    createdAt: at,
  });
  return { id, mediaId, payload: igChange(store, 'mentions', { media_id: mediaId, comment_id: id }, at) };
}

/** An Instagram Direct message from a customer. */
export function igMessage(store: GraphStore, o: { from: IgUser; text: string; at?: Date }): { mid: string; payload: Payload } {
  const at = o.at ?? store.now();
  const mid = `aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQx${store.nextId()}`;
  store.lastMessageFrom.set(o.from.id, at);
  return {
    mid,
    payload: messaging(
      'instagram',
      store.ig.id,
      { sender: { id: o.from.id }, recipient: { id: store.ig.id }, timestamp: at.getTime(), message: { mid, text: o.text } },
      at,
    ),
  };
}
