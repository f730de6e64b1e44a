import { describe, expect, it } from 'vitest';
import { CHAT_ADAPTERS, SOURCE_ADAPTERS, type ChatRegistry, type SourceRegistry } from '../../app/modules.js';
import { unconfiguredPlatforms } from '../../app/settings.js';
import { CHAT_PLATFORM_IDS, NATIVE_SOURCE_IDS } from '../../src/domain/adapter-ids.js';
import { slackModule } from '../../adapters/slack/module.js';
import { twitterModule } from '../../adapters/twitter/module.js';
import { makeConfig, TEST_SECRETS } from '../helpers/config.js';

describe('the adapter registry', () => {
  it('does not compile with a declared id left unwired, or a module wired under an undeclared id', () => {
    // @ts-expect-error -- `teams` is a declared chat platform id with no module.
    const missingChat: ChatRegistry = { slack: slackModule };
    // @ts-expect-error -- every source but X removed: email, facebook, … are declared and unwired.
    const missingSource: SourceRegistry = { twitter: twitterModule };
    const extra: ChatRegistry = {
      ...CHAT_ADAPTERS,
      // @ts-expect-error -- `discord` is no declared chat platform id.
      discord: slackModule,
    };
    // @ts-expect-error -- a module wired under another platform's id.
    const swapped: ChatRegistry = { slack: slackModule, teams: slackModule };
    expect([missingChat, missingSource, extra, swapped].every(Boolean)).toBe(true);
  });

  it('wires every declared id once, in the order of the id lists, each module under its own id', () => {
    expect(Object.keys(CHAT_ADAPTERS)).toEqual([...CHAT_PLATFORM_IDS]);
    expect(Object.keys(SOURCE_ADAPTERS)).toEqual([...NATIVE_SOURCE_IDS]);
    for (const [id, module] of [...Object.entries(CHAT_ADAPTERS), ...Object.entries(SOURCE_ADAPTERS)]) expect(module.id).toBe(id);
  });
});

describe('settings reasons in the start-up log', () => {
  it('says, from each adapter’s own settings, why every platform and source that is off is off', () => {
    const config = makeConfig({});
    const lines = unconfiguredPlatforms(config);
    for (const module of [...Object.values(CHAT_ADAPTERS), ...Object.values(SOURCE_ADAPTERS)]) {
      const settings = module.settings(config.env, config);
      expect(settings.enabled).toBe(false);
      if (!settings.enabled) expect(lines).toContain(settings.reason);
    }
    // Facebook and Instagram share a Meta app and its reason: said once.
    expect(new Set(lines).size).toBe(lines.length);
  });

  it('says nothing about a platform that is on', () => {
    const lines = unconfiguredPlatforms(makeConfig({ ...TEST_SECRETS, TRIAGE_CHANNEL: 'C0TRIAGE' }));
    expect(lines.some((l) => l.startsWith('Slack'))).toBe(false);
    expect(lines.some((l) => l.startsWith('Microsoft Teams is not configured'))).toBe(true);
  });

  it('leaves a setting that is there but wrong to the start, which lists every problem', () => {
    const lines = unconfiguredPlatforms(makeConfig({ BLUESKY_HANDLE: 'brand.bsky.social' }));
    expect(lines.some((l) => l.startsWith('Bluesky'))).toBe(false);
  });
});
