import { describe, expect, it } from 'vitest';
import { createKlaxon } from '../../app/compose.js';
import { twitterSettings } from '../../adapters/twitter/settings.js';
import { ConfigError } from '../../src/config/load.js';
import { createLogger } from '../../src/log.js';
import { makeConfig, TEST_SECRETS } from '../helpers/config.js';

function problemsOf(file: unknown, env: Record<string, string> = {}): string[] {
  try {
    makeConfig(env, file);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

/** Starts Klaxon with `file` and returns the warnings logged while it was built. */
function startWarnings(file: unknown): string[] {
  const lines: string[] = [];
  const logger = createLogger({ level: 'warn', write: (line: string) => lines.push(line) });
  const klaxon = createKlaxon({
    config: makeConfig({ ...TEST_SECRETS, TRIAGE_CHANNEL: 'C0TRIAGE' }, file),
    logger,
    tuning: { jobs: false },
  });
  klaxon.db.close();
  return lines.map((line) => (JSON.parse(line) as { msg: string }).msg);
}

describe('keys that moved to the adapters’ sections', () => {
  it('reads the new keys: platforms.slack, platforms.teams, sources.twitter', () => {
    const config = makeConfig(
      {},
      {
        platforms: { slack: { triage: 'C0FILE', digest: 'C0DIGEST' }, teams: { escalation: 'Support/Escalations' } },
        sources: { twitter: { account: '@AcmeCare', keywords: ['acme refund'] } },
      },
    );
    expect(config.channels).toEqual({ triage: 'C0FILE', escalation: undefined, digest: 'C0DIGEST' });
    expect(config.file.platforms.teams).toEqual({ escalation: 'Support/Escalations', tenants: [] });
    expect(config.deprecations).toEqual([]);
    const x = twitterSettings(
      makeConfig({ TWITTER_BEARER_TOKEN: 'AAAA' }, { sources: { twitter: { account: '@AcmeCare', keywords: ['acme refund'] } } }),
    );
    expect(x.enabled && [x.settings.account, x.settings.keywords, x.settings.accessLevel]).toEqual([
      'acmecare',
      ['acme refund'],
      'pay_per_use',
    ]);
  });

  it('still reads the old keys, each with one deprecation line naming the old and the new key', () => {
    const config = makeConfig(
      { TWITTER_BEARER_TOKEN: 'AAAA' },
      { channels: { triage: 'C0OLD' }, teams: { triage: 'Support/General' }, twitter: { account: '@AcmeCare', pollIntervalSeconds: 30 } },
    );
    expect(config.channels.triage).toBe('C0OLD');
    expect(config.file.platforms.teams.triage).toBe('Support/General');
    const x = twitterSettings(config);
    expect(x.enabled && [x.settings.account, x.settings.pollIntervalSeconds]).toEqual(['acmecare', 30]);
    expect(config.deprecations).toHaveLength(3);
    expect(config.deprecations[0]).toMatch(/`channels` is deprecated.*`platforms\.slack`/);
    expect(config.deprecations[1]).toMatch(/`teams` is deprecated.*`platforms\.teams`/);
    expect(config.deprecations[2]).toMatch(/`twitter` is deprecated.*`sources\.twitter`/);
  });

  it('keeps a webhook bridge for X under sources.twitter beside the old twitter key', () => {
    const config = makeConfig(
      { INGEST_SECRET: TEST_SECRETS.INGEST_SECRET },
      { twitter: { account: 'acmecare' }, sources: { twitter: { replyWebhook: { url: 'https://bridge.example.com/x' } } } },
    );
    expect(config.file.sources.twitter?.replyWebhook?.url).toBe('https://bridge.example.com/x');
    expect(config.file.sources.twitter?.account).toBe('acmecare');
    expect(config.deprecations).toHaveLength(1);
  });

  it('refuses a setting given under both its old and its new name', () => {
    expect(problemsOf({ channels: { triage: 'C0OLD' }, platforms: { slack: { triage: 'C0NEW' } } })).toEqual([
      'config test.config.json: channels and platforms.slack are the same setting (channels is its old name): keep platforms.slack only',
    ]);
    expect(problemsOf({ twitter: { account: 'a' }, sources: { twitter: { account: 'b' } } })[0]).toMatch(
      /twitter and sources\.twitter are the same setting/,
    );
  });

  it('keeps refusing unknown keys, with a did-you-mean, under the old and the new names', () => {
    expect(problemsOf({ platforms: { slack: { triag: 'C1' } } })).toEqual([
      'config test.config.json: platforms.slack.triag is not a known setting; did you mean `triage`?',
    ]);
    expect(problemsOf({ channels: { triag: 'C1' } })).toEqual([
      'config test.config.json: channels.triag is not a known setting; did you mean `triage`?',
    ]);
    expect(problemsOf({ platforms: { slak: {} } })).toEqual([
      'config test.config.json: platforms.slak is not a known setting; did you mean `slack`?',
    ]);
    expect(problemsOf({ sources: { twitter: { acount: 'a' } } })).toEqual([
      'config test.config.json: sources.twitter.acount is not a known setting; did you mean `account`?',
    ]);
    expect(problemsOf({ twitter: { acount: 'a' } })).toEqual([
      'config test.config.json: twitter.acount is not a known setting; did you mean `account`?',
    ]);
    expect(problemsOf({ sources: { tiktok: { replyWebhok: {} } } })).toEqual([
      'config test.config.json: sources.tiktok.replyWebhok is not a known setting; did you mean `replyWebhook`?',
    ]);
  });

  it('keeps X’s keys to X’s section, and the other sources’ cadence within an hour', () => {
    expect(problemsOf({ sources: { tiktok: { account: 'acme' } } })).toEqual([
      'config test.config.json: sources.tiktok.account is an X setting: it belongs under sources.twitter.account',
    ]);
    expect(problemsOf({ sources: { bluesky: { pollIntervalSeconds: 7200 } } })).toEqual([
      'config test.config.json: sources.bluesky.pollIntervalSeconds must be at most 3600 seconds (an hour)',
    ]);
    expect(problemsOf({ sources: { twitter: { pollIntervalSeconds: 7200 } } })).toEqual([]);
  });

  it('says each deprecation once when Klaxon starts, and nothing when the new keys are used', () => {
    const old = startWarnings({ channels: { triage: 'C0OLD' } }).filter((m) => m.includes('deprecated'));
    expect(old).toEqual([expect.stringMatching(/^the config file's `channels` is deprecated: .*`platforms\.slack`/)]);
    expect(startWarnings({ platforms: { slack: { triage: 'C0NEW' } } }).filter((m) => m.includes('deprecated'))).toEqual([]);
  });
});
