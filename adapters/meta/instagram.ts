import { createMetaSourceAdapter, type MetaAdapterDeps, type MetaSourceAdapter } from './adapter.js';
import { INSTAGRAM } from './platforms.js';
import { metaSettings } from './settings.js';

/** Instagram settings: the Meta app's (META_*), shared with Facebook. */
export const instagramSettings = metaSettings;

/**
 * An Instagram professional account as a source: comments (`comments`), @mentions (`mentions`) and
 * Direct messages (`messages`, through the Messenger API for Instagram); replies to comments and
 * mentions in public, a private reply to a comment, and messages within the 24-hour window.
 */
export function createInstagramAdapter(deps: MetaAdapterDeps): MetaSourceAdapter {
  return createMetaSourceAdapter(INSTAGRAM, deps);
}
