import { describe, expect, it } from 'vitest';
import { blueskySettings } from '../../adapters/bluesky/settings.js';
import { mastodonSettings } from '../../adapters/mastodon/settings.js';
import { ConfigError } from '../../src/config/load.js';

function problems(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('Bluesky settings', () => {
  it('is off, with the reason and how to turn it on, when nothing is set', () => {
    expect(blueskySettings({}, {})).toEqual({
      enabled: false,
      reason: expect.stringMatching(/set BLUESKY_HANDLE and BLUESKY_APP_PASSWORD/),
    });
  });

  it('reads the handle (without @, lower case), the defaults and the config section', () => {
    const on = blueskySettings(
      { BLUESKY_HANDLE: '@Acme.BSKY.social', BLUESKY_APP_PASSWORD: ' abcd-efgh-ijkl-mnop ' },
      { sources: { bluesky: { pollIntervalSeconds: 45 } } },
    );
    expect(on).toEqual({
      enabled: true,
      settings: {
        handle: 'acme.bsky.social',
        appPassword: 'abcd-efgh-ijkl-mnop',
        serviceUrl: 'https://bsky.social',
        jetstreamUrl: null,
        pollIntervalSeconds: 45,
        warnings: [],
      },
    });
  });

  it('warns (without refusing) about a password that is not an app password', () => {
    const on = blueskySettings({ BLUESKY_HANDLE: 'acme.com', BLUESKY_APP_PASSWORD: 'my account password' }, {});
    expect(on.enabled && on.settings.warnings[0]).toMatch(/does not look like an app password/);
    expect(on.enabled && on.settings.warnings.join()).not.toContain('my account password');
  });

  it('refuses half or bad settings with one line each, naming the variable, never the secret', () => {
    expect(problems(() => blueskySettings({ BLUESKY_APP_PASSWORD: 'abcd-efgh-ijkl-mnop' }, {}))).toEqual([
      'BLUESKY_HANDLE is required when BLUESKY_APP_PASSWORD is set',
    ]);
    expect(problems(() => blueskySettings({ BLUESKY_JETSTREAM_URL: 'wss://j.example/subscribe' }, {}))).toEqual([
      'BLUESKY_HANDLE and BLUESKY_APP_PASSWORD are required when BLUESKY_JETSTREAM_URL is set',
    ]);
    const lines = problems(() =>
      blueskySettings(
        {
          BLUESKY_HANDLE: 'not a handle',
          BLUESKY_APP_PASSWORD: 's3cret-value',
          BLUESKY_SERVICE_URL: 'bsky.social',
          BLUESKY_JETSTREAM_URL: 'https://j.example',
        },
        { sources: { bluesky: { pollIntervalSeconds: 1 } } },
      ),
    );
    expect(lines.map((l) => l.split(' ')[0])).toEqual(['BLUESKY_HANDLE', 'BLUESKY_SERVICE_URL', 'BLUESKY_JETSTREAM_URL', 'config']);
    expect(lines.join('\n')).not.toContain('s3cret-value');
  });

  it('never finds an inherited config section', () => {
    const config = JSON.parse('{"sources":{"__proto__":{"bluesky":{"pollIntervalSeconds":1}}}}') as unknown;
    const on = blueskySettings({ BLUESKY_HANDLE: 'acme.com', BLUESKY_APP_PASSWORD: 'abcd-efgh-ijkl-mnop' }, config);
    expect(on.enabled && on.settings.pollIntervalSeconds).toBe(30);
  });
});

describe('Mastodon settings', () => {
  it('is off with the reason when nothing is set; reads the instance without a trailing slash', () => {
    expect(mastodonSettings({}, {})).toEqual({ enabled: false, reason: expect.stringMatching(/set MASTODON_URL and MASTODON_TOKEN/) });
    expect(mastodonSettings({ MASTODON_URL: 'https://mastodon.social/', MASTODON_TOKEN: 'tok_123-ABC' }, {})).toEqual({
      enabled: true,
      settings: { url: 'https://mastodon.social', accessToken: 'tok_123-ABC', pollIntervalSeconds: 60 },
    });
  });

  it('refuses half or bad settings with one line each, never the token', () => {
    expect(problems(() => mastodonSettings({ MASTODON_TOKEN: 'tok' }, {}))).toEqual([
      'MASTODON_URL is required when MASTODON_TOKEN is set',
    ]);
    const lines = problems(() => mastodonSettings({ MASTODON_URL: 'mastodon.social', MASTODON_TOKEN: 'with a space' }, {}));
    expect(lines.map((l) => l.split(' ')[0])).toEqual(['MASTODON_URL', 'MASTODON_TOKEN']);
    expect(lines.join('\n')).not.toContain('with a space');
  });
});
