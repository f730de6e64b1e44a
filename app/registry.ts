import { blueskyModule } from '../adapters/bluesky/module.js';
import { emailModule } from '../adapters/email/module.js';
import { googleReviewsModule } from '../adapters/google-reviews/module.js';
import { mastodonModule } from '../adapters/mastodon/module.js';
import { facebookModule, instagramModule } from '../adapters/meta/module.js';
import { slackModule } from '../adapters/slack/module.js';
import { teamsModule } from '../adapters/teams/module.js';
import { twitterModule } from '../adapters/twitter/module.js';
import type { ChatPlatformId, NativeSourceId } from '../src/domain/adapter-ids.js';
import type { ChatAdapterModule, SourceAdapterModule } from '../src/adapter-modules.js';

/**
 * Every adapter Klaxon wires, one line each. The ids are declared once (src/domain/adapter-ids.ts)
 * and these tables are typed by them: an id with no module here, or a module under an id that is
 * not declared, does not compile. The order is the order of start (and of stop, for sources).
 */
export type ChatRegistry = { readonly [K in ChatPlatformId]: ChatAdapterModule & { readonly id: K } };
export type SourceRegistry = { readonly [K in NativeSourceId]: SourceAdapterModule & { readonly id: K } };

export const CHAT_ADAPTERS = {
  slack: slackModule,
  teams: teamsModule,
} as const satisfies ChatRegistry;

export const SOURCE_ADAPTERS = {
  twitter: twitterModule,
  email: emailModule,
  facebook: facebookModule,
  instagram: instagramModule,
  google_reviews: googleReviewsModule,
  bluesky: blueskyModule,
  mastodon: mastodonModule,
} as const satisfies SourceRegistry;

/** What each chat platform's factory builds (Klaxon exposes it to tests and the CLI). */
export type ChatAdapterOf<K extends ChatPlatformId> = ReturnType<(typeof CHAT_ADAPTERS)[K]['create']>;
/** The adapter's own object behind each source's port. */
export type SourceDetailOf<K extends NativeSourceId> = ReturnType<(typeof SOURCE_ADAPTERS)[K]['create']>['detail'];

/** A chat platform's module, seen through the declared shape (for loops over the ids). */
export function chatModule(id: ChatPlatformId): ChatAdapterModule {
  return CHAT_ADAPTERS[id];
}

/** A source's module, seen through the declared shape (for loops over the ids). */
export function sourceModule(id: NativeSourceId): SourceAdapterModule {
  return SOURCE_ADAPTERS[id];
}
