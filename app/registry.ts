import { blueskyConfig } from '../adapters/bluesky/config.js';
import { emailConfig } from '../adapters/email/config.js';
import { googleReviewsConfig } from '../adapters/google-reviews/config.js';
import { mastodonConfig } from '../adapters/mastodon/config.js';
import { facebookConfig, instagramConfig } from '../adapters/meta/config.js';
import { slackConfig } from '../adapters/slack/config.js';
import { teamsConfig } from '../adapters/teams/config.js';
import { twitterConfig } from '../adapters/twitter/config.js';
import type { ChatAdapterModule, SourceAdapterModule } from '../src/adapter-modules.js';
import type { ChatAdapterConfig, SourceAdapterConfig } from '../src/config/adapter-config.js';
import type { ChatPlatformId, NativeSourceId } from '../src/domain/adapter-ids.js';

/**
 * Every adapter Klaxon wires, one line each: its configuration (adapters/<id>/config.ts: variables,
 * secrets, config-file section) and where its module is (adapters/<id>/module.ts). The ids are
 * declared once (src/domain/adapter-ids.ts) and these tables are typed by them: an id with no line
 * here, or a line under an id that is not declared, does not compile. The order is the order of
 * start (and of stop, for sources).
 *
 * The configuration is read without loading any adapter: `klaxon score` or `report` never pays
 * for the platforms' SDKs. The modules are loaded once, by app/modules.ts, for what wires them.
 */
export type ChatRegistration<K extends ChatPlatformId> = {
  readonly config: ChatAdapterConfig;
  readonly module: () => Promise<ChatAdapterModule & { readonly id: K }>;
};
export type SourceRegistration<K extends NativeSourceId> = {
  readonly config: SourceAdapterConfig;
  readonly module: () => Promise<SourceAdapterModule & { readonly id: K }>;
};

export const REGISTRY = {
  chat: {
    slack: { config: slackConfig, module: async () => (await import('../adapters/slack/module.js')).slackModule },
    teams: { config: teamsConfig, module: async () => (await import('../adapters/teams/module.js')).teamsModule },
  },
  sources: {
    twitter: { config: twitterConfig, module: async () => (await import('../adapters/twitter/module.js')).twitterModule },
    email: { config: emailConfig, module: async () => (await import('../adapters/email/module.js')).emailModule },
    facebook: { config: facebookConfig, module: async () => (await import('../adapters/meta/module.js')).facebookModule },
    instagram: { config: instagramConfig, module: async () => (await import('../adapters/meta/module.js')).instagramModule },
    google_reviews: {
      config: googleReviewsConfig,
      module: async () => (await import('../adapters/google-reviews/module.js')).googleReviewsModule,
    },
    bluesky: { config: blueskyConfig, module: async () => (await import('../adapters/bluesky/module.js')).blueskyModule },
    mastodon: { config: mastodonConfig, module: async () => (await import('../adapters/mastodon/module.js')).mastodonModule },
  },
} as const satisfies {
  readonly chat: { readonly [K in ChatPlatformId]: ChatRegistration<K> };
  readonly sources: { readonly [K in NativeSourceId]: SourceRegistration<K> };
};
