import type { SinkSource } from '../source-kit/types.js';
import type { WebhookReplySource } from './reply-source.js';

/**
 * A generic source fed through the signed `POST /ingest` (docs/CONTRACT.md §4) and answered through its
 * reply webhook (`sources.<name>.replyWebhook`), in the source shape every newer source has.
 * Listening is the core's /ingest endpoint, shared by every such source, so there is nothing to
 * start: the sender delivers at least once and /ingest stores each (source, id) once.
 */
export function createWebhookSourceAdapter(options: { source: string; reply: WebhookReplySource | null }): SinkSource {
  const { source, reply } = options;
  const noReplies = `Replies on ${source} are not configured: set sources.${source}.replyWebhook.url in the config file.`;
  return {
    source,
    routes: [],
    capabilities(item) {
      if (!reply) return { publicReply: { possible: false, why: noReplies }, privateReply: { possible: false, why: noReplies } };
      return {
        publicReply: item.isPrivate
          ? { possible: false, why: 'It arrived privately, so the answer goes privately too.' }
          : { possible: true },
        privateReply: { possible: true },
      };
    },
    replyPublic: (input) => (reply ? reply.replyPublic(input) : Promise.reject(new Error(noReplies))),
    sendPrivate: (input) => (reply ? reply.sendPrivate(input) : Promise.reject(new Error(noReplies))),
    async start() {},
    async stop() {},
  };
}
