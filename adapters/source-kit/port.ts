import type { NativeSourceId } from '../../src/domain/adapter-ids.js';
import type { CoreSink, WiredSourceAdapter as SourceAdapter } from '../../src/adapter-modules.js';
import type { ReplyBudget } from '../../src/replies/budget.js';
import { capabilityNote } from './card-note.js';
import type { SinkSource } from './types.js';

export interface SinkSourcePortOptions {
  /** The core's sink, handed to the source when it starts. */
  sink: CoreSink;
  replyBudget: ReplyBudget | null;
  /** Whether its capabilities add a line to the card (a window closing, a token that expired). */
  notes: boolean;
}

/**
 * A source built on the kit (it takes the sink when it starts and stops as one) as the declared
 * SourceAdapter. It keeps reading while the outbox drains and stops at `close`, after it: a reply
 * still being sent needs its connections.
 */
export function sinkSourcePort<N extends SinkSource>(id: NativeSourceId, source: N, options: SinkSourcePortOptions): SourceAdapter<N> {
  return {
    id,
    detail: source,
    routes: source.routes,
    reply: source,
    replyBudget: options.replyBudget,
    listen: {
      start: () => source.start(options.sink),
      stop: async () => undefined,
    },
    close: () => source.stop(),
    canReplyPublicly(item) {
      const { possible, why } = source.capabilities(item).publicReply;
      return why === undefined ? { possible } : { possible, why };
    },
    ...(options.notes ? { note: (target) => capabilityNote(source.capabilities(target), target.isPrivate) } : {}),
  };
}
