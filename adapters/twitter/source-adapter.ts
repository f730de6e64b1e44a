import type { Db } from '../../db/types.js';
import type { IngestResult } from '../../src/ingest/ingest.js';
import type { AmplifyResult } from '../../src/ingest/amplify.js';
import type { ReplyInput } from '../../src/ports.js';
import type { SinkSource, SourceDeps, SourceSink } from '../source-kit/types.js';
import { createTwitterAdapter, type TwitterAdapter, type TwitterAdapterConfig } from './index.js';
import type { TwitterSettings } from './settings.js';

/**
 * X in the source shape every newer source has (adapters/source-kit/types.ts), so X passes the
 * same contract suite; the architecture change wires it through the registry.
 */
export function createTwitterSourceAdapter(
  deps: SourceDeps<TwitterSettings> & { db: Db } & Pick<TwitterAdapterConfig, 'keepAliveTimeoutMs' | 'pageSize'>,
): SinkSource & { readonly twitter: TwitterAdapter } {
  let sink: SourceSink | null = null;
  const noSink = (): never => {
    throw new Error('the X source was not started');
  };
  const twitter = createTwitterAdapter({
    ...deps.settings,
    db: deps.db,
    clock: deps.clock,
    logger: deps.logger,
    metrics: deps.metrics,
    timers: deps.timers,
    random: deps.random,
    keepAliveTimeoutMs: deps.keepAliveTimeoutMs,
    pageSize: deps.pageSize,
    ingest: (batch): Promise<IngestResult> => (sink ? sink.ingest(batch) : noSink()),
    amplify: (batch): Promise<AmplifyResult> => (sink ? sink.amplify(batch) : noSink()),
  });
  const reply = twitter.replySource;
  const noReplies = 'X replies are off: set TWITTER_APP_KEY, TWITTER_APP_SECRET, TWITTER_ACCESS_TOKEN and TWITTER_ACCESS_SECRET.';
  return {
    source: 'twitter',
    routes: [],
    twitter,
    capabilities(item) {
      if (!reply) return { publicReply: { possible: false, why: noReplies }, privateReply: { possible: false, why: noReplies } };
      return {
        publicReply: item.isPrivate
          ? { possible: false, why: 'It arrived as a direct message, so the answer goes as one too.' }
          : { possible: true },
        privateReply: { possible: true },
      };
    },
    ...(reply?.validate ? { validate: (text: string, mode: 'public' | 'private') => reply.validate!(text, mode) } : {}),
    ...(reply?.measure ? { measure: (text: string) => reply.measure!(text) } : {}),
    ...(reply?.findDelivered
      ? { findDelivered: (input: ReplyInput, mode: 'public' | 'private', since: Date) => reply.findDelivered!(input, mode, since) }
      : {}),
    replyPublic: (input) => (reply ? reply.replyPublic(input) : Promise.reject(new Error(noReplies))),
    sendPrivate: (input) => (reply ? reply.sendPrivate(input) : Promise.reject(new Error(noReplies))),
    async start(s) {
      sink = s;
      await twitter.start();
    },
    stop: () => twitter.stop(),
  };
}
