import { describe, expect, it } from 'vitest';
import { twitterSettings } from '../../adapters/twitter/settings.js';
import { makeConfig } from '../helpers/config.js';

describe('X settings from the validated config', () => {
  it('is disabled, with the reason to log, without TWITTER_BEARER_TOKEN', () => {
    const result = twitterSettings(makeConfig({}));
    expect(result).toEqual({ enabled: false, reason: expect.stringContaining('TWITTER_BEARER_TOKEN is not set') });
  });

  it('collects credentials, mode and the listening config; replies need all four user-context values', () => {
    const file = {
      brands: [{ name: 'Acme', handles: ['@AcmeCare', 'acmehelp'] }],
      competitors: ['@Globex'],
      twitter: { account: '@AcmeCare', pollIntervalSeconds: 30, keywords: ['acme refund'] },
    };
    const readOnly = twitterSettings(
      makeConfig({ TWITTER_BEARER_TOKEN: 'bearer', TWITTER_MODE: 'stream', TWITTER_API_URL: 'http://127.0.0.1:9/' }, file),
    );
    expect(readOnly).toEqual({
      enabled: true,
      settings: {
        bearerToken: 'bearer',
        userContext: null,
        apiUrl: 'http://127.0.0.1:9/',
        mode: 'stream',
        account: 'acmecare',
        brandHandles: ['acmecare', 'acmehelp'],
        keywords: ['acme refund'],
        competitors: ['globex'],
        pollIntervalSeconds: 30,
        pollCadence: {},
        accessLevel: 'pay_per_use',
        costs: {},
      },
    });
    const full = twitterSettings(
      makeConfig({
        TWITTER_BEARER_TOKEN: 'bearer',
        TWITTER_APP_KEY: 'k',
        TWITTER_APP_SECRET: 's',
        TWITTER_ACCESS_TOKEN: 't',
        TWITTER_ACCESS_SECRET: 'a',
      }),
    );
    expect(full.enabled && full.settings.userContext).toEqual({ appKey: 'k', appSecret: 's', accessToken: 't', accessSecret: 'a' });
    expect(full.enabled && full.settings.mode).toBe('poll');
  });
});
