import { createMetaSourceAdapter, type MetaAdapterDeps, type MetaSourceAdapter } from './adapter.js';
import { FACEBOOK } from './platforms.js';
import { metaSettings } from './settings.js';

/** Facebook Page settings: the Meta app's (META_*), shared with Instagram. */
export const facebookSettings = metaSettings;

/**
 * A Facebook Page as a source: comments and visitor posts (webhook field `feed`), Messenger
 * messages (`messages`, `message_echoes`, `message_edits`); replies as comment replies, private
 * replies through Messenger, and Messenger messages within the 24-hour window.
 */
export function createFacebookAdapter(deps: MetaAdapterDeps): MetaSourceAdapter {
  return createMetaSourceAdapter(FACEBOOK, deps);
}
