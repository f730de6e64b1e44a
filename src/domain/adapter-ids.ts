/**
 * Every chat platform and every source with an adapter of its own, declared once. The registry
 * (app/registry.ts) is typed by these lists, so an id without an adapter, or an adapter without
 * an id, does not compile.
 */

/** Chat platforms: where cards are posted and people act on cases. */
export const CHAT_PLATFORM_IDS = ['slack', 'teams'] as const;
export type ChatPlatformId = (typeof CHAT_PLATFORM_IDS)[number];

/**
 * Sources read and answered by an adapter of their own. Any other source name (a webhook bridge
 * posting to /ingest) is generic: configured under `sources.<name>`, answered by its reply webhook.
 */
export const NATIVE_SOURCE_IDS = ['twitter', 'email', 'facebook', 'instagram', 'google_reviews', 'bluesky', 'mastodon'] as const;
export type NativeSourceId = (typeof NATIVE_SOURCE_IDS)[number];

export function isNativeSourceId(source: string): source is NativeSourceId {
  return (NATIVE_SOURCE_IDS as readonly string[]).includes(source);
}
