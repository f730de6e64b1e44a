import { envOf, type AdapterEnv } from '../../src/config/adapter-config.js';
import type { SourceAdapterDeps, SourceAdapterModule, WiredSourceAdapter as SourceAdapter } from '../../src/adapter-modules.js';
import { PLAIN_REPLY_BUDGETS } from '../../src/replies/budget.js';
import { sqliteInbox } from '../source-kit/inbox.js';
import { kvCursorStore } from '../source-kit/kv-cursors.js';
import { sinkSourcePort } from '../source-kit/port.js';
import type { MetaSourceAdapter } from './adapter.js';
import { createMetaConnection, type MetaConnection } from './connection.js';
import { createFacebookAdapter } from './facebook.js';
import { createInstagramAdapter } from './instagram.js';
import { metaSettings, type MetaSettings } from './settings.js';
import { facebookConfig } from './config.js';

// One Meta app: Facebook and Instagram declare the same variables.
const settings = (env: AdapterEnv, config: unknown) => metaSettings(envOf(facebookConfig, env), config);

/** Facebook and Instagram share one Meta app: one webhook, one inbox, one Graph client, made once. */
function connection(deps: SourceAdapterDeps<MetaSettings>): MetaConnection {
  const { clock, db, metrics } = deps;
  return deps.shared('meta.connection', () =>
    createMetaConnection({
      settings: deps.settings,
      clock,
      logger: deps.logger.child({ source: 'meta' }),
      metrics,
      inbox: sqliteInbox(db, 'meta', clock),
      bodies: deps.bodies,
    }),
  );
}

function metaDeps(source: 'facebook' | 'instagram', deps: SourceAdapterDeps<MetaSettings>) {
  const { clock, db, metrics } = deps;
  return {
    settings: deps.settings,
    clock,
    logger: deps.logger.child({ source }),
    metrics,
    cursors: kvCursorStore(db, source, clock),
    connection: connection(deps),
  };
}

/** A Facebook Page (comments, visitor posts, Messenger) for the registry. */
export const facebookModule = {
  id: 'facebook',
  settings: (env, config) => settings(env, config.file),
  create: (deps): SourceAdapter<MetaSourceAdapter> => {
    const port = sinkSourcePort('facebook', createFacebookAdapter(metaDeps('facebook', deps)), {
      sink: deps.sink,
      replyBudget: PLAIN_REPLY_BUDGETS.facebook ?? null,
      notes: true,
    });
    // The one webhook of the Meta app, served once however many of its sources are on.
    return { ...port, routes: connection(deps).routes };
  },
} satisfies SourceAdapterModule<MetaSettings, SourceAdapter<MetaSourceAdapter>>;

/** An Instagram professional account (comments, mentions, direct messages) for the registry. */
export const instagramModule = {
  id: 'instagram',
  settings: (env, config) => settings(env, config.file),
  create: (deps): SourceAdapter<MetaSourceAdapter> => {
    const port = sinkSourcePort('instagram', createInstagramAdapter(metaDeps('instagram', deps)), {
      sink: deps.sink,
      replyBudget: PLAIN_REPLY_BUDGETS.instagram ?? null,
      notes: true,
    });
    return { ...port, routes: connection(deps).routes };
  },
} satisfies SourceAdapterModule<MetaSettings, SourceAdapter<MetaSourceAdapter>>;
